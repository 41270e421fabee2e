// The database interface the loader talks to. Two adapters implement it: sqlite.ts (better-sqlite3, the embedded
// default) and postgres.ts (pg, for shared use). SQL is written once with `?` placeholders and double-quoted
// identifiers, which both dialects accept; the few type names that differ come from migrations.ts's type map.

export type Dialect = "sqlite" | "postgres";

/** A value as bound to a statement. Booleans become 0/1 in SQLite; JSON columns take JSON text. */
export type SqlValue = string | number | boolean | null;

/** Logical column types: each adapter maps them to its own (see TYPE_MAP in migrations.ts). */
export type ColumnType = "ref" | "int" | "real" | "text" | "bool" | "json" | "date" | "timestamp";

export interface TableSpec {
  name: string;
  columns: readonly { name: string; type: ColumnType }[];
}

/** A bulk insert failed on one row: `index` is that row's position in the rows given (null when unknown). */
export class RowInsertError extends Error {
  constructor(
    readonly table: string,
    readonly index: number | null,
    cause: unknown,
  ) {
    super(`${table}${index === null ? "" : ` row ${index}`}: ${errorText(cause)}`, { cause });
    this.name = "RowInsertError";
  }
}

/** What a transaction can do. Every method runs inside the transaction it was handed to. */
export interface Tx {
  readonly dialect: Dialect;
  /** Rows of a query (also of INSERT … RETURNING). */
  all<T = Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** Run a statement; returns the number of rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /** Run several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Insert many rows (column order of `spec`) as fast as the database allows; throws RowInsertError. */
  insertRows(spec: TableSpec, rows: readonly (readonly SqlValue[])[]): Promise<void>;
}

export interface Db {
  readonly dialect: Dialect;
  /** The URL it was opened with, password removed. */
  readonly url: string;
  /**
   * Run `fn` in one transaction, committed when it resolves and rolled back when it throws. Writers are
   * serialised: SQLite takes the database write lock up front (BEGIN IMMEDIATE, waiting up to busy_timeout);
   * PostgreSQL takes a transaction-scoped advisory lock on `lockKey` (one per report), so loads of different
   * reports run in parallel and loads of the same report queue.
   */
  transaction<T>(lockKey: string, fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** A query outside any explicit transaction (reads). */
  all<T = Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  close(): Promise<void>;
}

export const DEFAULT_DB_URL = "sqlite:out/reports.db";

export type DbTarget = { dialect: "sqlite"; path: string } | { dialect: "postgres"; connectionString: string };

/**
 * `sqlite:PATH` (relative or absolute; `sqlite:///abs/path` and `sqlite::memory:` too), a path ending in
 * .db / .sqlite / .sqlite3, or `postgres://…` / `postgresql://…`.
 */
export function parseDbUrl(url: string): DbTarget {
  if (/^postgres(ql)?:\/\//i.test(url)) return { dialect: "postgres", connectionString: url };
  const m = /^sqlite3?:(.*)$/i.exec(url);
  if (m) {
    let path = m[1] ?? "";
    if (path.startsWith("//")) path = path.slice(2);
    if (path === "") throw new Error(`no file in database URL "${url}" (e.g. sqlite:out/reports.db)`);
    return { dialect: "sqlite", path };
  }
  if (/\.(db|sqlite3?)$/i.test(url) && !url.includes("://")) return { dialect: "sqlite", path: url };
  throw new Error(
    `unsupported database URL "${redactUrl(url)}": use sqlite:PATH or postgres://USER:PASSWORD@HOST:PORT/DB`,
  );
}

/** Open a database by URL; migrations are applied by openDatabase (loader.ts), not here. */
export async function connect(url: string, options: { busyTimeoutMs?: number } = {}): Promise<Db> {
  const target = parseDbUrl(url);
  if (target.dialect === "sqlite") {
    const { SqliteDb } = await import("./sqlite.ts");
    return SqliteDb.open(target.path, options);
  }
  const { PostgresDb } = await import("./postgres.ts");
  return PostgresDb.open(target.connectionString);
}

export function redactUrl(url: string): string {
  return url.replace(/^([a-z0-9+.-]+:\/\/[^:/@]*):[^@/]*@/i, "$1:***@");
}

export function errorText(e: unknown): string {
  if (e instanceof Error) {
    const detail = (e as { detail?: unknown }).detail;
    return typeof detail === "string" && detail ? `${e.message} (${detail})` : e.message;
  }
  return String(e);
}

/** Double-quote an identifier (both dialects). */
export const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** A promise chain that runs tasks one after the other (per connection or per file). */
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
