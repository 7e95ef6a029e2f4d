// bench/map_duckdb.cjs IN OUT: the ni-map benchmark's program in DuckDB
// (@duckdb/node-api from $DUCKDB_API, 2 threads): upper-case regions,
// keyword score, written as NDJSON.
const { DuckDBInstance } = require(process.env.DUCKDB_API ||
	'/tmp/ni-vnu/node_modules/@duckdb/node-api');
const [inp, out] = process.argv.slice(2);
(async () => {
	const db = await DuckDBInstance.create(':memory:', { threads: '2' });
	const c = await db.connect();
	const t = 'lower(title)';
	await c.run(`COPY (SELECT * REPLACE (list_transform(regions, x -> upper(x)) AS regions,
	  (CASE WHEN regexp_matches(${t}, '\\bai\\b|agent|llm|gpt') THEN 2 ELSE 0 END
	 + CASE WHEN regexp_matches(${t}, 'commerce|retail|shopping') THEN 1 ELSE 0 END
	 + CASE WHEN regexp_matches(${t}, 'marketing|advertising|campaign') THEN 1 ELSE 0 END) AS relevance_score)
	  FROM read_json('${inp}', format = 'newline_delimited')) TO '${out}' (FORMAT json)`);
})().catch(e => { console.error(e.message); process.exit(2); });
