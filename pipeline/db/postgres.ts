// PostgreSQL adapter (pg): for a database shared by several users and loaders.
// Bulk rows go in with one INSERT … SELECT FROM unnest($1::text[], $2::int[], …) per chunk: one round trip and a
// handful of parameters per chunk, whatever the number of rows (the multi-row VALUES form hits the 65535-parameter
// limit and is slower to parse). Each chunk runs under a savepoint so that, when it fails, the failing row can be
// found and named; the transaction is then rolled back as a whole anyway.
// Concurrency: each load transaction first takes pg_advisory_xact_lock(namespace, hash of the report key), held
// until commit/rollback, so two loads of the same report queue while other reports load in parallel; the unique
// constraints on the natural keys are the backstop.
import { createHash } from "node:crypto";
import pg from "pg";
import {
  type ColumnType,
  type Db,
  type SqlValue,
  type TableSpec,
  type Tx,
  Mutex,
  RowInsertError,
  ident,
  redactUrl,
} from "./db.ts";

/** First key of every advisory lock this tool takes ("YB"), so they cannot collide with other applications' locks. */
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

// Numbers as numbers: bigint ids and counts (all far below 2^53) as JS numbers; dates stay 'YYYY-MM-DD' strings
// as in the schemas instead of becoming Date objects at local midnight.
const TYPES = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => {
    if (oid === pg.types.builtins.INT8) return (v: string) => Number(v);
    if (oid === pg.types.builtins.DATE) return (v: string) => v;
    return format === "binary" ? pg.types.getTypeParser(oid, "binary") : pg.types.getTypeParser(oid, "text");
  }) as typeof pg.types.getTypeParser,
};

/** `?` placeholders → `$1, $2, …` (the SQL this tool writes has no `?` inside literals). */
export function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

function advisoryLockKey(key: string): number {
  return createHash("sha256").update(key).digest().readInt32BE(0);
}

/** The statement and parameters that take the report's advisory lock until the transaction ends. */
export function reportLock(key: string): [string, SqlValue[]] {
  return ["SELECT pg_advisory_xact_lock(?::integer, ?::integer)", [LOCK_NAMESPACE, advisoryLockKey(key)]];
}

/** Runs a statement with `$n` parameters on the connection that holds the open transaction. */
export type Execute = (sql: string, params?: unknown[]) => Promise<unknown>;

/** Inserts rows in chunks of one INSERT … SELECT FROM unnest(…) each, inside the caller's open transaction. */
export async function bulkInsert(execute: Execute, spec: TableSpec, rows: readonly (readonly SqlValue[])[]) {
  const columns = spec.columns.map((c) => ident(c.name)).join(", ");
  const arrays = spec.columns.map((c, i) => `$${i + 1}::${ARRAY_TYPE[c.type]}`).join(", ");
  const sql = `INSERT INTO ${ident(spec.name)} (${columns}) SELECT * FROM unnest(${arrays})`;
  const insert = (chunk: readonly (readonly SqlValue[])[]) =>
    execute(
      sql,
      spec.columns.map((_, i) => chunk.map((row) => row[i] ?? null)),
    );
  for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
    const chunk = rows.slice(start, start + CHUNK_ROWS);
    await execute("SAVEPOINT bulk_insert");
    try {
      await insert(chunk);
      await execute("RELEASE SAVEPOINT bulk_insert");
    } catch (e) {
      await findRefusedRow(execute, insert, spec, chunk, start, e);
    }
  }
}

/** After a chunk failed: retry one row at a time from the savepoint; the first that fails is the culprit. */
async function findRefusedRow(
  execute: Execute,
  insert: (chunk: readonly (readonly SqlValue[])[]) => Promise<unknown>,
  spec: TableSpec,
  chunk: readonly (readonly SqlValue[])[],
  start: number,
  error: unknown,
): Promise<never> {
  try {
    await execute("ROLLBACK TO SAVEPOINT bulk_insert");
  } catch {
    throw new RowInsertError(spec.name, null, error);
  }
  for (let i = 0; i < chunk.length; i++) {
    try {
      await insert([chunk[i]!]);
    } catch (e1) {
      throw new RowInsertError(spec.name, start + i, e1);
    }
  }
  throw new RowInsertError(spec.name, null, error);
}

export class PostgresDb implements Db {
  readonly dialect = "postgres" as const;
  private readonly queue = new Mutex();
  private broken: Error | null = null;

  private constructor(
    private readonly client: pg.Client,
    readonly url: string,
  ) {
    client.on("error", (e) => {
      this.broken = e;
    });
  }

  static async open(connectionString: string): Promise<PostgresDb> {
    const client = new pg.Client({ connectionString, types: TYPES, application_name: "yanbao-load" });
    try {
      await client.connect();
      await client.query("SET client_min_messages = warning");
    } catch (e) {
      await client.end().catch(() => undefined);
      throw e;
    }
    return new PostgresDb(client, redactUrl(connectionString));
  }

  private async query<T>(
    sql: string,
    params: readonly SqlValue[] = [],
  ): Promise<pg.QueryResult<T & pg.QueryResultRow>> {
    if (this.broken) throw this.broken;
    return this.client.query<T & pg.QueryResultRow>(numbered(sql), params as SqlValue[]);
  }

  private readonly tx: Tx = {
    dialect: "postgres",
    all: async <T>(sql: string, params?: readonly SqlValue[]) => (await this.query<T>(sql, params)).rows as T[],
    run: async (sql: string, params?: readonly SqlValue[]) => (await this.query(sql, params)).rowCount ?? 0,
    exec: async (sql: string) => {
      if (this.broken) throw this.broken;
      await this.client.query(sql); // simple protocol: several statements at once
    },
    insertRows: (spec, rows) => bulkInsert((sql, params) => this.client.query(sql, params), spec, rows),
  };

  transaction<T>(lockKey: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.queue.run(async () => {
      await this.query("BEGIN");
      try {
        await this.query(...reportLock(lockKey));
        const result = await fn(this.tx);
        await this.query("COMMIT");
        return result;
      } catch (e) {
        if (!this.broken) await this.client.query("ROLLBACK").catch(() => undefined);
        throw e;
      }
    });
  }

  all<T = Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
    return this.queue.run(async () => (await this.query<T>(sql, params)).rows as T[]);
  }

  async close(): Promise<void> {
    await this.queue.run(async () => undefined);
    await this.client.end().catch(() => undefined);
  }
}
