// Issue 12: a crash of the tool itself has its own exit code (never 1, "some reports failed"), still prints what
// finished, and an OCR time-out racing the engine's start is a result, not an unhandled rejection.
import { spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
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
