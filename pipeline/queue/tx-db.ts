// The loader (pipeline/db/loader.ts) over the transaction pg-boss opened for a job: a worker loads a report and
// completes its job in that one transaction, so both are committed together or neither is. loadExtraction's
// own transaction becomes this one: `transaction()` takes the report's advisory lock (the same lock, in the same
// namespace, as PostgresDb's, so a worker and a `yanbao load` of the same report queue) and runs the loader's
// statements in place; the commit is pg-boss's, after the job's completion.
// Bulk inserts are those of postgres.ts: one INSERT … SELECT FROM unnest(…) per chunk, under a savepoint so that
// the row the database refuses can be named.
import type { Db as BossDb } from "pg-boss";
import type { ColumnType, Db, SqlValue, TableSpec, Tx } from "../db/db.ts";
import { RowInsertError, ident } from "../db/db.ts";
import { advisoryLockKey } from "../db/postgres.ts";

/** postgres.ts's LOCK_NAMESPACE ("YB"): the first key of every advisory lock the loader takes. */
const LOCK_NAMESPACE = 0x5942;
const CHUNK_ROWS = 5000;

const ARRAY_TYPE: Record<ColumnType, string> = {
  ref: "bigint[]",
  int: "integer[]",
  real: "double precision[]",
  text: "text[]",
  bool: "boolean[]",
  json: "jsonb[]",
  date: "date[]",
  timestamp: "timestamptz[]",
};

/** `?` placeholders → `$1, $2, …` (the loader's SQL has no `?` inside literals). */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** A Db whose one transaction is `tx`, already open: commit and rollback are its owner's. */
export function transactionDb(tx: BossDb, url: string): Db {
  const query = (sql: string, params: readonly SqlValue[] = []) => tx.executeSql(numbered(sql), [...params]);
  const insertRows = async (spec: TableSpec, rows: readonly (readonly SqlValue[])[]) => {
    const columns = spec.columns.map((c) => ident(c.name)).join(", ");
    const arrays = spec.columns.map((c, i) => `$${i + 1}::${ARRAY_TYPE[c.type]}`).join(", ");
    const sql = `INSERT INTO ${ident(spec.name)} (${columns}) SELECT * FROM unnest(${arrays})`;
    const insert = (chunk: readonly (readonly SqlValue[])[]) =>
      tx.executeSql(
        sql,
        spec.columns.map((_, i) => chunk.map((row) => row[i] ?? null)),
      );
    for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
      const chunk = rows.slice(start, start + CHUNK_ROWS);
      await tx.executeSql("SAVEPOINT bulk_insert");
      try {
        await insert(chunk);
        await tx.executeSql("RELEASE SAVEPOINT bulk_insert");
      } catch (e) {
        try {
          await tx.executeSql("ROLLBACK TO SAVEPOINT bulk_insert");
        } catch {
          throw new RowInsertError(spec.name, null, e);
        }
        for (let i = 0; i < chunk.length; i++) {
          try {
            await insert([chunk[i]!]);
          } catch (e1) {
            throw new RowInsertError(spec.name, start + i, e1);
          }
        }
        throw new RowInsertError(spec.name, null, e);
      }
    }
  };
  const inside: Tx = {
    dialect: "postgres",
    all: async <T>(sql: string, params?: readonly SqlValue[]) => (await query(sql, params)).rows as T[],
    run: async (sql: string, params?: readonly SqlValue[]) =>
      ((await query(sql, params)) as { rowCount?: number | null }).rowCount ?? 0,
    exec: async (sql: string) => {
      await tx.executeSql(sql);
    },
    insertRows,
  };
  return {
    dialect: "postgres",
    url,
    transaction: async <T>(lockKey: string, fn: (t: Tx) => Promise<T>) => {
      await query("SELECT pg_advisory_xact_lock(?::integer, ?::integer)", [LOCK_NAMESPACE, advisoryLockKey(lockKey)]);
      return fn(inside);
    },
    all: inside.all,
    close: async () => undefined,
  };
}
