// The loader (pipeline/db/loader.ts) over the transaction pg-boss opened for a job: a worker loads a report and
// completes its job in that one transaction, so both are committed together or neither is. loadExtraction's
// own transaction becomes this one: `transaction()` takes the report's advisory lock (postgres.ts's, so a worker
// and a `yanbao load` of the same report queue) and runs the loader's statements in place; the commit is
// pg-boss's, after the job's completion. Bulk inserts are postgres.ts's.
import type { Db as BossDb } from "pg-boss";
import type { Db, SqlValue, Tx } from "../db/db.ts";
import { bulkInsert, numbered, reportLock } from "../db/postgres.ts";

/** A Db whose one transaction is `tx`, already open: commit and rollback are its owner's. */
export function transactionDb(tx: BossDb, url: string): Db {
  const query = (sql: string, params: readonly SqlValue[] = []) => tx.executeSql(numbered(sql), [...params]);
  const inside: Tx = {
    dialect: "postgres",
    all: async <T>(sql: string, params?: readonly SqlValue[]) => (await query(sql, params)).rows as T[],
    run: async (sql: string, params?: readonly SqlValue[]) =>
      ((await query(sql, params)) as { rowCount?: number | null }).rowCount ?? 0,
    exec: async (sql: string) => {
      await tx.executeSql(sql);
    },
    insertRows: (spec, rows) => bulkInsert((sql, params) => tx.executeSql(sql, params), spec, rows),
  };
  return {
    dialect: "postgres",
    url,
    transaction: async <T>(lockKey: string, fn: (t: Tx) => Promise<T>) => {
      await query(...reportLock(lockKey));
      return fn(inside);
    },
    all: inside.all,
    close: async () => undefined,
  };
}
