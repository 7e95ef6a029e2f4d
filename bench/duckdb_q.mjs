// bench/duckdb_q.mjs THREADS OUT SQL - run one DuckDB statement (node
// bindings, @duckdb/node-api) with THREADS threads; SQL may name the
// output file as OUT.  Used by bench/scan.sh.
import { DuckDBInstance } from '@duckdb/node-api';
const [threads, out, sql] = process.argv.slice(2);
const db = await DuckDBInstance.create(':memory:', { threads: String(threads) });
const con = await db.connect();
await con.run(sql.replaceAll('OUT', out));
