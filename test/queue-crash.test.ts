// Issue 19: a worker killed with SIGKILL in the middle of a job loses nothing and duplicates nothing, and a worker
// stopped with SIGTERM finishes or gives back its job. The worker is caught at the worst moment — the report
// loaded in its transaction, the job not yet committed — by the YANBAO_QUEUE_TEST_HOLD hook, which makes it say
// so and wait there; the test acts on that line, never on a clock. The killed job comes back after its lease
// (--lease 10, pg-boss's shortest heartbeat; supervision every second) to a second worker, which loads it once.
import { readdirSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase } from "./support/pg-server.ts";
import {
  CORPUS,
  expectSameRows,
  finished,
  query,
  queuePostgres,
  type Snapshot,
  singleMachine,
  snapshot,
  yanbao,
} from "./support/queue.ts";

const postgres = await queuePostgres();

const HOLD = { YANBAO_QUEUE_TEST_HOLD: "1" };
const FILES = [`${CORPUS}/en/tencent-2026-db.pdf`, "sources/tianfeng-2024-03-09-llm-text.txt"];
const workerArgs = (url: string, ...more: string[]) => [
  "worker",
  "--db",
  url,
  "--concurrency",
  "1",
  "--supervise",
  "1",
  "--log",
  "json",
  ...more,
];

describe.skipIf(!postgres.ok)("a worker that dies or is stopped in the middle of a job", () => {
  let dir: string;
  const dbs: { url: string; drop(): Promise<void> }[] = [];
  const database = async () => {
    if (!postgres.ok) throw new Error("unreachable");
    const db = await createDatabase(postgres.server.url, "yanbao_queue");
    dbs.push(db);
    return db.url;
  };
  let reference: Snapshot;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "queue-crash-"));
    const url = await database();
    await singleMachine(FILES, join(dir, "out"), url);
    reference = await snapshot(url);
  }, 300_000);

  afterAll(async () => {
    for (const db of dbs) await db.drop().catch(() => undefined);
    if (postgres.ok) await postgres.server.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const enqueue = async (url: string) => {
    const r = await finished(["enqueue", ...FILES, "--db", url, "--no-ocr", "--lease", "10", "--log", "json"]);
    expect(r.code, r.stderr).toBe(0);
  };

  it("SIGKILL after the load, before the commit: nothing kept, the job retried after its lease, loaded once", async () => {
    const url = await database();
    await enqueue(url);
    const doomed = yanbao(workerArgs(url), HOLD);
    const held = await doomed.waitFor((e) => e.event === "hold");
    doomed.child.kill("SIGKILL");
    expect(await doomed.exit).toBeNull();
    // Nothing of the held job's transaction is in the database.
    const editions = await query<{ source_file: string }>(url, "SELECT source_file FROM editions");
    expect(editions.map((e) => e.source_file)).not.toContain(held.file);

    const survivor = await finished(workerArgs(url, "--exit-when-idle"));
    expect(survivor.code, survivor.stderr).toBe(0);
    // The dead worker's scratch folder (its job's input and output) was removed by the next worker to start.
    expect(readdirSync(tmpdir()).filter((n) => n.startsWith(`yanbao-worker-${doomed.child.pid}-`))).toEqual([]);
    const retried = survivor.events.find((e) => e.event === "done" && e.job === held.job);
    expect(retried).toMatchObject({ file: held.file, attempt: 1 });
    expectSameRows(await snapshot(url), reference, expect);

    const status = JSON.parse((await finished(["queue", "status", "--db", url, "--json"])).stdout) as {
      jobs: Record<string, number>;
      workers: Record<string, number>[];
    };
    expect(status.jobs).toMatchObject({ queued: 0, running: 0, done: 2, failed: 0 });
    expect(status.workers.map((w) => [w.lost, w.done]).sort()).toEqual(
      [
        [0, 2],
        [1, 0],
      ].sort(),
    );
  }, 240_000);

  it("SIGTERM while a job is held: it is given back after --stop-timeout (exit 130), and another worker loads it", async () => {
    const url = await database();
    await enqueue(url);
    const stopped = yanbao(workerArgs(url, "--stop-timeout", "1"), HOLD);
    const held = await stopped.waitFor((e) => e.event === "hold");
    stopped.child.kill("SIGTERM");
    expect(await stopped.exit).toBe(130);
    expect(stopped.events.find((e) => e.event === "released")).toMatchObject({ job: held.job });
    expect(stopped.events.find((e) => e.event === "summary")).toMatchObject({ released: 1, done: 0 });
    expect(await query(url, "SELECT 1 FROM editions")).toEqual([]);

    const next = await finished(workerArgs(url, "--exit-when-idle"));
    expect(next.code, next.stderr).toBe(0);
    expectSameRows(await snapshot(url), reference, expect);
  }, 240_000);

  it("SIGTERM while a job runs: the job finishes and is kept, then the worker exits 130", async () => {
    const url = await database();
    await enqueue(url);
    const worker = yanbao(workerArgs(url));
    await worker.waitFor((e) => e.event === "begin");
    worker.child.kill("SIGTERM");
    expect(await worker.exit).toBe(130);
    const summary = worker.events.find((e) => e.event === "summary")!;
    expect(summary).toMatchObject({ released: 0, failed: 0 });
    // What it finished is loaded; what it had not begun is still queued.
    const done = worker.events.filter((e) => e.event === "done").length;
    expect(summary.done).toBe(done);
    expect(done).toBeGreaterThanOrEqual(1);
    const [count] = await query<{ n: number }>(url, "SELECT count(*)::int AS n FROM editions");
    expect(count?.n).toBe(done);
  }, 240_000);
});

if (!postgres.ok) {
  describe("queue crash tests", () => {
    it.skip(`skipped: ${postgres.reason}`, () => undefined);
  });
}
