// SQLite adapter (node:sqlite, built into Node 22 and 24: no native addon to build against a Node version's
// headers): the embedded default database, one file.
// Concurrency: WAL journal (readers never block the writer), busy_timeout so a second process waits for the write
// lock instead of failing, and every transaction opened with BEGIN IMMEDIATE so the write lock is taken before
// anything is read — two loaders cannot both decide "not loaded yet" and insert the same edition twice. Inside one
// process, transactions on the same file are also queued (node:sqlite is synchronous: waiting for a lock held
// by the same process would block the event loop that has to release it).
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import type { DatabaseSync, StatementSync } from "node:sqlite";
import { type Db, type SqlValue, type TableSpec, type Tx, Mutex, RowInsertError, ident } from "./db.ts";

const require = createRequire(import.meta.url);
let sqlite: typeof import("node:sqlite") | undefined;

/** node:sqlite, loaded on first use. Node 24 marks it a release candidate and prints an ExperimentalWarning on
 * load; that one warning is not for the users of this tool, so it is not passed on (every other warning is). */
function sqliteModule(): typeof import("node:sqlite") {
  if (sqlite) return sqlite;
  const emit = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    if (/SQLite is an experimental feature/.test(typeof warning === "string" ? warning : warning.message)) return;
    (emit as (...a: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    return (sqlite = require("node:sqlite") as typeof import("node:sqlite"));
  } finally {
    process.emitWarning = emit;
  }
}

const fileLocks = new Map<string, Mutex>();

type Bound = null | number | bigint | string | Uint8Array;
const bind = (params: readonly SqlValue[]): Bound[] =>
  params.map((v) => (typeof v === "boolean" ? (v ? 1 : 0) : (v as Bound)));

export class SqliteDb implements Db, Tx {
  readonly dialect = "sqlite" as const;
  private readonly statements = new Map<string, StatementSync>();
  private readonly lock: Mutex;
  private closed = false;

  private constructor(
    private readonly db: DatabaseSync,
    readonly url: string,
    key: string,
  ) {
    let lock = fileLocks.get(key);
    if (!lock) fileLocks.set(key, (lock = new Mutex()));
    this.lock = lock;
  }

  static open(path: string, options: { busyTimeoutMs?: number } = {}): SqliteDb {
    const memory = path === ":memory:";
    if (!memory) mkdirSync(dirname(resolve(path)), { recursive: true });
    const db = new (sqliteModule().DatabaseSync)(path);
    try {
      db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 30_000))}`);
      if (!memory) db.exec("PRAGMA journal_mode = WAL");
      db.exec("PRAGMA synchronous = NORMAL");
      db.exec("PRAGMA foreign_keys = ON");
    } catch (e) {
      db.close();
      throw e;
    }
    return new SqliteDb(db, `sqlite:${path}`, memory ? `:memory:${Math.random()}` : resolve(path));
  }

  private prepare(sql: string): StatementSync {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  async all<T = Record<string, unknown>>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    // A statement that returns no rows (an insert, say) runs to completion and gives [].
    return this.prepare(sql)
      .all(...bind(params))
      .map((row) => ({ ...row })) as T[];
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return Number(this.prepare(sql).run(...bind(params)).changes);
  }

  async exec(sql: string): Promise<void> {
    this.db.exec(sql);
  }

  async insertRows(spec: TableSpec, rows: readonly (readonly SqlValue[])[]): Promise<void> {
    if (rows.length === 0) return;
    const columns = spec.columns.map((c) => ident(c.name)).join(", ");
    const stmt = this.prepare(
      `INSERT INTO ${ident(spec.name)} (${columns}) VALUES (${spec.columns.map(() => "?").join(", ")})`,
    );
    for (const [i, row] of rows.entries()) {
      try {
        stmt.run(...bind(row));
      } catch (e) {
        throw new RowInsertError(spec.name, i, e);
      }
    }
  }

  transaction<T>(_lockKey: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.lock.run(async () => {
      this.db.exec("BEGIN IMMEDIATE");
      try {
        const result = await fn(this);
        this.db.exec("COMMIT");
        return result;
      } catch (e) {
        try {
          this.db.exec("ROLLBACK");
        } catch {
          // SQLite already rolled the transaction back (some errors do): nothing left to undo
        }
        throw e;
      }
    });
  }

  async close(): Promise<void> {
    await this.lock.run(async () => undefined);
    this.statements.clear();
    if (!this.closed) this.db.close();
    this.closed = true;
  }
}
