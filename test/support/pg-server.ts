// A PostgreSQL server for the database tests and the load benchmark: the one PG_URL names (CI starts it with
// .ci/postgres.sh), else a throwaway one started here with .ci/postgres.sh in a temporary folder and removed by
// stop(). Also fresh empty databases on it, one per test.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import pg from "pg";
import { errorText, redactUrl } from "../../pipeline/db/db.ts";

const run = promisify(execFile);
const SCRIPT = fileURLToPath(new URL("../../.ci/postgres.sh", import.meta.url));

export interface PgServer {
  /** Connection URL of the server's `postgres` database, as an administrator. */
  url: string;
  /** Where it came from: the PG_URL environment variable, or started here. */
  origin: "PG_URL" | "started";
  /** Stop the server if it was started here (no-op for PG_URL). */
  stop(): Promise<void>;
}

export type PgAvailability = { ok: true; server: PgServer } | { ok: false; reason: string };

async function ping(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** PG_URL's server, else one started with .ci/postgres.sh; `ok: false` with the reason when neither works. */
export async function findPostgres(env: NodeJS.ProcessEnv = process.env): Promise<PgAvailability> {
  if (env.PG_URL) {
    try {
      await ping(env.PG_URL);
      return { ok: true, server: { url: env.PG_URL, origin: "PG_URL", stop: async () => undefined } };
    } catch (e) {
      return { ok: false, reason: `PG_URL is set but ${redactUrl(env.PG_URL)} does not answer: ${errorText(e)}` };
    }
  }
  if (!existsSync(SCRIPT)) return { ok: false, reason: `no PG_URL and no ${SCRIPT} to start a server with` };
  let out: string;
  try {
    out = (await run("bash", [SCRIPT, "start"], { timeout: 120_000 })).stdout;
  } catch (e) {
    const stderr = String((e as { stderr?: string }).stderr ?? "").trim();
    return {
      ok: false,
      reason: `no PG_URL, and no local PostgreSQL server could be started (.ci/postgres.sh start: ${stderr || errorText(e)})`,
    };
  }
  const url = /^PG_URL=(.+)$/m.exec(out)?.[1];
  const dir = /^PG_TEST_DIR=(.+)$/m.exec(out)?.[1];
  if (!url || !dir) return { ok: false, reason: `.ci/postgres.sh start printed no PG_URL: ${out}` };
  const stop = async () => {
    await run("bash", [SCRIPT, "stop", dir], { timeout: 120_000 }).catch(() => undefined);
  };
  try {
    await ping(url);
  } catch (e) {
    await stop();
    return { ok: false, reason: `the server started by .ci/postgres.sh does not answer: ${errorText(e)}` };
  }
  return { ok: true, server: { url, origin: "started", stop } };
}

/** Create an empty database on the server; returns its URL and a function that drops it. */
export async function createDatabase(
  adminUrl: string,
  prefix = "yanbao_test",
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end().catch(() => undefined);
    }
  };
  await admin(`CREATE DATABASE "${name}"`);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}
