// Issue 12: a crash of the tool itself has its own exit code (never 1, "some reports failed"), still prints what
// finished, and an OCR time-out racing the engine's start is a result, not an unhandled rejection.
import { spawn, spawnSync } from "node:child_process";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT_CRASH } from "../pipeline/commands/crash.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "crash-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const node = (script: string) =>
  spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    encoding: "utf8",
    cwd: process.cwd(),
  });

describe("a crash of the tool", () => {
  it("an unhandled rejection exits with its own code after printing what finished", () => {
    const r = node(`
      import { beforeCrashExit, onCrash } from "./pipeline/commands/crash.ts";
      process.on("unhandledRejection", onCrash);
      beforeCrashExit(() => console.log("2 reports done before the crash"));
      Promise.reject(new TypeError("Cannot read properties of null (reading 'postMessage')"));
      setTimeout(() => console.log("not reached"), 2000);
    `);
    expect(r.status).toBe(EXIT_CRASH);
    expect(EXIT_CRASH).not.toBe(1);
    expect(r.stdout).toContain("2 reports done before the crash");
    expect(r.stdout).not.toContain("not reached");
    expect(r.stderr).toMatch(/internal error: the tool crashed \(exit 70\); this is a bug/);
    expect(r.stderr).toContain("postMessage");
  });

  it("extract with a tiny OCR time-out: every image gets ocr/timeout, the batch completes and exits 0", async () => {
    const out = join(dir, "out");
    const r = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        "pipeline/cli.ts",
        "extract",
        "sources/tianfeng-2024-03-09-llm.pdf",
        "--out",
        out,
        "--ocr-timeout",
        "0.001",
        "--ocr-workers",
        "1",
        "--log",
        "json",
      ],
      {
        encoding: "utf8",
        env: { ...process.env, YANBAO_OCR_CACHE: join(dir, "cache") },
      },
    );
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.at(-1)).toMatchObject({ event: "summary", done: 1, failed: 0 });
    const problems = await import("node:fs/promises").then((fs) =>
      fs.readFile(join(out, "tianfeng-2024-03-09-llm", "problems.csv"), "utf8"),
    );
    expect(problems).toMatch(/ocr\/timeout/);
  }, 120_000);
});

// Issue 17: `yanbao extract … --log json | head -1`: the reader closing the pipe is not a crash of the tool.
describe("a reader that closes the output early", () => {
  /** The CLI with its stdout a pipe closed by the reader before anything is written: every write fails (EPIPE). */
  const closedStdout = (args: string[]) =>
    new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ["--import", "tsx", "pipeline/cli.ts", ...args], {
        stdio: ["ignore", "pipe", "pipe"],
      });
      child.stdout.destroy();
      let stderr = "";
      child.stderr.on("data", (d: Buffer) => (stderr += d));
      child.on("close", (code) => resolve({ code, stderr }));
    });

  it("ends the run quietly with the exit code of the work done (0), not as a crash", async () => {
    const inputs = join(dir, "epipe-ok");
    await import("node:fs/promises").then((fs) => fs.mkdir(inputs));
    for (const n of [1, 2, 3]) await writeFile(join(inputs, `r${n}.txt`), `report ${n}\n\nA\tB\nx\t${n}\n`);
    const out = join(dir, "epipe-ok-out");
    const r = await closedStdout(["extract", inputs, "--out", out, "--log", "json", "--concurrency", "1"]);
    expect(r.stderr).not.toMatch(/internal error|EPIPE/);
    expect(r.code).toBe(0);
    // The report whose line could not be printed was extracted whole before the run ended.
    expect((await readdir(out)).filter((f) => !f.startsWith(".")).length).toBeGreaterThanOrEqual(1);
  }, 120_000);

  it("exits 1 when a report had failed before the output was closed", async () => {
    const inputs = join(dir, "epipe-failed");
    await import("node:fs/promises").then((fs) => fs.mkdir(inputs));
    await writeFile(join(inputs, "empty.txt"), "");
    await writeFile(join(inputs, "good.txt"), "report\n\nA\tB\nx\t1\n");
    const r = await closedStdout(["extract", inputs, "--out", join(dir, "epipe-failed-out"), "--log", "json"]);
    expect(r.stderr).not.toMatch(/internal error|EPIPE/);
    expect(r.code).toBe(1);
  }, 120_000);

  it("--help into a closed pipe exits 0", async () => {
    const r = await closedStdout(["--help"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  }, 60_000);
});
