// SQLite adapter (better-sqlite3): the embedded default database, one file.
// Concurrency: WAL journal (readers never block the writer), busy_timeout so a second process waits for the write
// lock instead of failing, and every transaction opened with BEGIN IMMEDIATE so the write lock is taken before
// anything is read — two loaders cannot both decide "not loaded yet" and insert the same edition twice. Inside one
// process, transactions on the same file are also queued (better-sqlite3 is synchronous: waiting for a lock held
// by the same process would block the event loop that has to release it).
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";
import { type Db, type SqlValue, type TableSpec, type Tx, Mutex, RowInsertError, ident } from "./db.ts";

const fileLocks = new Map<string, Mutex>();

const bind = (params: readonly SqlValue[]) => params.map((v) => (typeof v === "boolean" ? (v ? 1 : 0) : v));

export class SqliteDb implements Db, Tx {
  readonly dialect = "sqlite" as const;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly lock: Mutex;

  private constructor(
    private readonly db: Database.Database,
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
    const db = new Database(path, { timeout: options.busyTimeoutMs ?? 30_000 });
    try {
      db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 30_000))}`);
      if (!memory) db.pragma("journal_mode = WAL");
      db.pragma("synchronous = NORMAL");
      db.pragma("foreign_keys = ON");
    } catch (e) {
      db.close();
      throw e;
    }
    return new SqliteDb(db, `sqlite:${path}`, memory ? `:memory:${Math.random()}` : resolve(path));
  }

  private prepare(sql: string): Database.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  async all<T = Record<string, unknown>>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    const stmt = this.prepare(sql);
    if (stmt.reader) return stmt.all(...bind(params)) as T[];
    stmt.run(...bind(params));
    return [];
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return this.prepare(sql).run(...bind(params)).changes;
  }

  async exec(sql: string): Promise<void> {
    this.db.exec(sql);
  }

  async insertRows(spec: TableSpec, rows: readonly (readonly SqlValue[])[]): Promise<void> {
    if (rows.length === 0) return;
    const columns = spec.columns.map((c) => ident(c.name)).join(", ");
    const stmt = this.prepare(`INSERT INTO ${ident(spec.name)} (${columns}) VALUES (${spec.columns.map(() => "?").join(", ")})`);
    for (let i = 0; i < rows.length; i++) {
      try {
        stmt.run(...bind(rows[i]!));
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
        if (this.db.inTransaction) this.db.exec("ROLLBACK");
        throw e;
      }
    });
  }

  async close(): Promise<void> {
    await this.lock.run(async () => undefined);
    this.statements.clear();
    if (this.db.open) this.db.close();
  }
}
