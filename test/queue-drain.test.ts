// Issue 19: extraction as jobs on a PostgreSQL queue. Three worker processes drain a queue of corpus reports and a
// poisoned input; the database then holds exactly the rows a single-machine `extract` + `load` gives, the
// poisoned input fails alone with the CLI's error record after its bounded retries, enqueueing again adds
// nothing, and `queue retry --failed` runs it once more. Against a real PostgreSQL (PG_URL, else one started
// here); without one, or without ../shared, skipped with the reason, except in CI where that fails.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
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
  singleMachine,
  snapshot,
  yanbao,
} from "./support/queue.ts";

const postgres = await queuePostgres();

describe.skipIf(!postgres.ok)("three workers drain a queue", () => {
  let dir: string;
  let files: string[];
  const dbs: { url: string; drop(): Promise<void> }[] = [];
  let queueUrl: string;
  let referenceUrl: string;
  let reference: Awaited<ReturnType<typeof singleMachine>>;
  const poison = () => join(dir, "poisoned.pdf");

  beforeAll(async () => {
    if (!postgres.ok) return;
    dir = await mkdtemp(join(tmpdir(), "queue-drain-"));
    // A PDF header, then bytes that are no PDF: it passes `enqueue`'s checks and fails in the extraction.
    await writeFile(poison(), Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(4096, "garbage ")]));
    files = [
      `${CORPUS}/en/tencent-2026-db.pdf`,
      `${CORPUS}/en/tencent-2026-bofa.pdf`,
      `${CORPUS}/en/tencent-2026-morgan-stanley.pdf`,
      "sources/tianfeng-2024-03-09-llm-text.txt",
      poison(),
    ];
    for (let i = 0; i < 2; i++) dbs.push(await createDatabase(postgres.server.url, "yanbao_queue"));
    [queueUrl, referenceUrl] = dbs.map((d) => d.url) as [string, string];
    reference = await singleMachine(files, join(dir, "out"), referenceUrl);
  }, 300_000);

  afterAll(async () => {
    for (const db of dbs) await db.drop().catch(() => undefined);
    if (postgres.ok) await postgres.server.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("enqueues each input once, then three worker processes load exactly what extract + load gives", async () => {
    const enqueue = await finished([
      "enqueue",
      ...files,
      "--db",
      queueUrl,
      "--no-ocr",
      "--retries",
      "1",
      "--log",
      "json",
    ]);
    expect(enqueue.code, enqueue.stderr).toBe(0);
    expect(enqueue.events.filter((e) => e.event === "queued")).toHaveLength(files.length);

    const workers = [0, 1, 2].map(() =>
      yanbao([
        "worker",
        "--db",
        queueUrl,
        "--concurrency",
        "1",
        "--exit-when-idle",
        "--supervise",
        "1",
        "--log",
        "json",
      ]),
    );
    const codes = await Promise.all(workers.map((w) => w.exit));
    const events = workers.flatMap((w) => w.events);
    // Each report loaded once, by one worker; the poisoned input failed twice (1 retry), the last time for good.
    const done = events.filter((e) => e.event === "done").map((e) => e.file);
    expect(done.sort()).toEqual(
      files
        .slice(0, 4)
        .map((f) => f.split("/").pop())
        .sort(),
    );
    const failures = events.filter((e) => e.event === "failed").sort((a, b) => Number(a.attempt) - Number(b.attempt));
    expect(failures.map((e) => [e.file, e.attempt, e.final])).toEqual([
      ["poisoned.pdf", 0, false],
      ["poisoned.pdf", 1, true],
    ]);
    expect(codes.sort(), workers.map((w) => w.stderr).join("\n")).toEqual([0, 0, 1]);

    expectSameRows(await snapshot(queueUrl), await snapshot(referenceUrl), expect);
  }, 300_000);

  it("keeps the poisoned input as failed, with the error record the CLI gives", async () => {
    const status = await finished(["queue", "status", "--db", queueUrl, "--json"]);
    expect(status.code, status.stderr).toBe(0);
    const s = JSON.parse(status.stdout) as {
      jobs: Record<string, number>;
      failed: Record<string, unknown>[];
      workers: { done: number }[];
    };
    expect(s.jobs).toEqual({ queued: 0, running: 0, done: 4, failed: 1, cancelled: 0 });
    expect(s.workers.reduce((n, w) => n + w.done, 0)).toBe(4);
    const cli = reference.failures.find((f) => f.file === poison())!.error as Record<string, unknown>;
    const [failed] = s.failed;
    expect(failed).toMatchObject({
      file: "poisoned.pdf",
      code: cli.code,
      message: cli.message,
      action: cli.action,
      page: cli.page,
      attempts: 2,
    });
    const text = await finished(["queue", "status", "--db", queueUrl]);
    expect(text.stdout).toMatch(/0 queued, 0 running, 4 done, 1 failed/);
    expect(text.stdout).toContain(`poisoned.pdf: ${cli.message}; ${cli.action}`);
  }, 60_000);

  it("enqueues nothing again: every input is extracted or in the queue already", async () => {
    const again = await finished(["enqueue", ...files, "--db", queueUrl, "--no-ocr", "--log", "json"]);
    expect(again.code, again.stderr).toBe(0);
    const skipped = again.events.filter((e) => e.event === "skipped");
    expect(skipped.map((e) => e.reason).sort()).toEqual(["extracted", "extracted", "extracted", "extracted", "queued"]);
    const [inputs] = await query<{ n: number }>(queueUrl, "SELECT count(*)::int AS n FROM yanbao_queue.inputs");
    expect(inputs!.n).toBe(files.length);
    // With OCR it is another extraction of the same stored bytes: queued, the bytes not stored again.
    const withOcr = await finished([
      "enqueue",
      "sources/tianfeng-2024-03-09-llm-text.txt",
      "--db",
      queueUrl,
      "--log",
      "json",
    ]);
    expect(withOcr.events.find((e) => e.event === "queued")).toMatchObject({ stored: false });
    await finished(["worker", "--db", queueUrl, "--concurrency", "1", "--exit-when-idle", "--log", "json"]);
    expectSameRows(await snapshot(queueUrl), await snapshot(referenceUrl), expect); // the same edition: skipped by the loader
  }, 180_000);

  it("queue retry --failed runs the failed job again; it fails alone again", async () => {
    const retry = await finished(["queue", "retry", "--failed", "--db", queueUrl, "--json"]);
    expect(retry.code, retry.stderr).toBe(0);
    expect(JSON.parse(retry.stdout)).toMatchObject({ retried: 1 });
    const worker = await finished([
      "worker",
      "--db",
      queueUrl,
      "--concurrency",
      "1",
      "--exit-when-idle",
      "--log",
      "json",
    ]);
    expect(worker.code).toBe(1);
    expect(worker.events.filter((e) => e.event === "failed").map((e) => [e.file, e.final])).toEqual([
      ["poisoned.pdf", true],
    ]);
    const s = JSON.parse((await finished(["queue", "status", "--db", queueUrl, "--json"])).stdout) as {
      jobs: Record<string, number>;
    };
    expect(s.jobs).toMatchObject({ queued: 0, running: 0, failed: 1 });
    const usage = await finished(["queue", "retry", "--db", queueUrl]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/say what to retry: queue retry --failed/);
  }, 180_000);
});

if (!postgres.ok) {
  describe("queue tests", () => {
    it.skip(`skipped: ${postgres.reason}`, () => undefined);
  });
}
