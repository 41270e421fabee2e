// For the queue tests: the yanbao command in a child process (its JSON lines read as they come, so a test waits
// on what a worker says, never on a clock), a single-machine extract + load to compare with, and a database's
// rows in a form two databases can be compared in (surrogate ids replaced by natural keys, load times left out).
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import pg from "pg";
import { CHILD_TABLES } from "../../pipeline/db/rows.ts";
import { findPostgres, type PgAvailability } from "./pg-server.ts";

export const CORPUS = "../shared/fixtures/corpus";
export const sharedPresent = existsSync(CORPUS);

/** The throwaway PostgreSQL server of a queue test: absent shared fixtures or server skip the test locally, and fail
 * it where it must run (CI, or PG_URL given). */
export async function queuePostgres(): Promise<PgAvailability> {
  const required = Boolean(process.env.CI);
  if (!sharedPresent && required) throw new Error(`${CORPUS} is missing: CI must have the shared fixtures`);
  if (!sharedPresent)
    return { ok: false, reason: `${CORPUS} is absent (the shared fixtures live outside the repository)` };
  const postgres = await findPostgres();
  if (!postgres.ok && (required || process.env.PG_URL))
    throw new Error(`PostgreSQL is required here (CI or PG_URL is set) but unavailable: ${postgres.reason}`);
  return postgres;
}

export interface Run {
  child: ChildProcess;
  /** Every JSON line printed on stdout so far. */
  events: Record<string, unknown>[];
  stdout: string;
  stderr: string;
  /** Resolves with the exit code (null when killed by a signal). */
  exit: Promise<number | null>;
  /** Resolves with the first event `match` accepts (rejects if the process exits first). */
  waitFor(match: (e: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
}

/** `yanbao ARGS` as a child process (TypeScript through tsx, as the tests run the CLI everywhere). */
export function yanbao(args: string[], env: NodeJS.ProcessEnv = {}): Run {
  const child = spawn(process.execPath, ["--import", "tsx", "pipeline/cli.ts", ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const run: Run = { child, events: [], stdout: "", stderr: "", exit: null as never, waitFor: null as never };
  const waiters: {
    match: (e: Record<string, unknown>) => boolean;
    resolve: (e: Record<string, unknown>) => void;
    reject: (e: Error) => void;
  }[] = [];
  let partial = "";
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
    run.stdout += chunk;
    const lines = (partial + chunk).split("\n");
    partial = lines.pop() ?? "";
    for (const line of lines) {
      if (!line.startsWith("{")) continue;
      const event = JSON.parse(line) as Record<string, unknown>;
      run.events.push(event);
      for (const w of waiters.filter((w) => w.match(event))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(event);
      }
    }
  });
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (run.stderr += chunk));
  run.exit = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
  void run.exit.then(() => {
    for (const w of waiters.splice(0))
      w.reject(new Error(`yanbao ${args.join(" ")} exited before the awaited event\n${run.stderr}`));
  });
  run.waitFor = (match) => {
    const seen = run.events.find(match);
    if (seen) return Promise.resolve(seen);
    if (child.exitCode !== null || child.signalCode !== null)
      return Promise.reject(new Error(`yanbao ${args.join(" ")} has exited\n${run.stderr}`));
    return new Promise((resolve, reject) => waiters.push({ match, resolve, reject }));
  };
  return run;
}

/** Run to the end: exit code, output and JSON events. */
export async function finished(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run & { code: number | null }> {
  const run = yanbao(args, env);
  const code = await run.exit;
  return { ...run, code };
}

/** What `yanbao extract FILES --no-ocr` and `yanbao load` give on one machine, loaded into `url`. */
export async function singleMachine(
  files: string[],
  out: string,
  url: string,
): Promise<{ failures: Record<string, unknown>[] }> {
  const extract = await finished(["extract", ...files, "--out", out, "--no-ocr", "--log", "json"]);
  if (extract.code !== 0 && extract.code !== 1) throw new Error(`extract exited ${extract.code}: ${extract.stderr}`);
  const load = await finished(["load", out, "--db", url]);
  if (load.code !== 0) throw new Error(`load exited ${load.code}: ${load.stderr}`);
  return { failures: extract.events.filter((e) => e.event === "failed") };
}

const sorted = (rows: Record<string, unknown>[]) => rows.map((r) => JSON.stringify(r)).sort();
const without = (row: Record<string, unknown>, ...keys: string[]) =>
  Object.fromEntries(Object.entries(row).filter(([k]) => !keys.includes(k)));

/** Every row of the data model, comparable across databases: ids replaced by the natural keys they stand for
 * (a report's key, an edition's input sha256), load times left out; each table's rows sorted. */
export type Snapshot = Record<string, string[]>;

export async function snapshot(url: string): Promise<Snapshot> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const all = async (sql: string) => (await client.query(sql)).rows as Record<string, unknown>[];
    const result: Snapshot = {
      reports: sorted((await all("SELECT * FROM reports")).map((r) => without(r, "id"))),
      editions: sorted(
        (await all("SELECT e.*, r.report_key FROM editions e JOIN reports r ON r.id = e.report_id")).map((r) =>
          without(r, "id", "report_id", "loaded_at"),
        ),
      ),
    };
    for (const spec of CHILD_TABLES) {
      const rows = await all(
        `SELECT c.*, e.source_sha256 AS edition_input FROM "${spec.name}" c JOIN editions e ON e.id = c.edition_id`,
      );
      result[spec.name] = sorted(rows.map((r) => without(r, "id", "edition_id")));
    }
    return result;
  } finally {
    await client.end();
  }
}

/** The two databases hold the same rows, table by table (a difference names its table and rows). */
export function expectSameRows(
  actual: Snapshot,
  expected: Snapshot,
  expect: (v: unknown, m?: string) => { toEqual(v: unknown): void },
): void {
  expect(Object.keys(actual)).toEqual(Object.keys(expected));
  for (const table of Object.keys(expected)) {
    const missing = expected[table]!.filter((r) => !actual[table]!.includes(r));
    const extra = actual[table]!.filter((r) => !expected[table]!.includes(r));
    expect(
      {
        table,
        missing: missing.slice(0, 3),
        extra: extra.slice(0, 3),
        counts: [actual[table]!.length, expected[table]!.length],
      },
      table,
    ).toEqual({ table, missing: [], extra: [], counts: [expected[table]!.length, expected[table]!.length] });
  }
}

/** One SQL query on a database, for checks. */
export async function query<T = Record<string, unknown>>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}
