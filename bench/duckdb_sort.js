// bench/duckdb_sort.js IN OUT - DuckDB (npm @duckdb/node-api, 2 threads)
// sorts NDJSON records by date_published desc, confidence desc, for
// bench/sort.sh.  NODE_PATH must reach node_modules.
const { DuckDBInstance } = require('@duckdb/node-api');
const [inp, out] = process.argv.slice(2);
const q = (s) => "'" + s.replace(/'/g, "''") + "'";
(async () => {
	const db = await DuckDBInstance.create(':memory:', { threads: '2' });
	const con = await db.connect();
	await con.run(`COPY (SELECT * FROM read_ndjson(${q(inp)}, sample_size = -1)
		ORDER BY date_published DESC, confidence DESC)
		TO ${q(out)} (FORMAT json)`);
})().catch((e) => { console.error(e.message); process.exit(2); });
