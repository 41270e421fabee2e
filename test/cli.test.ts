// The command line over the library: exit codes, error messages, and a bad file not costing the others.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { reports } from "./fixtures/out-dir.ts";

const run = promisify(execFile);
const cli = (args: string[]) =>
  run(process.execPath, ["--import", "tsx", "pipeline/cli.ts", "extract", ...args]).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

// "你好研报" in GBK, as a Chinese text file saved by a Windows editor would hold it.
const GBK_REPORT = Buffer.concat([Buffer.from([0xc4, 0xe3, 0xba, 0xc3, 0xd1, 0xd0, 0xb1, 0xa8]), Buffer.from("\n\nA\tB\nx\t1\n")]);

describe("npm run extract", () => {
  it("extracts good files, reports the bad one by name, and exits 1", async () => {
    const dir = await mkdtemp(join(tmpdir(), "cli-"));
    const out = join(dir, "out");
    await writeFile(join(dir, "good 报告.txt"), "标题行\n\nModel\tScore\nAlpha\t1.5\n");
    await writeFile(join(dir, "empty.txt"), "");
    await writeFile(join(dir, "gbk.txt"), GBK_REPORT);
    const r = await cli([join(dir, "good 报告.txt"), join(dir, "empty.txt"), join(dir, "missing.txt"), join(dir, "gbk.txt"), "--out", out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/empty\.txt: empty file/);
    expect(r.stderr).toMatch(/missing\.txt: no such file/);
    expect(r.stderr).toMatch(/2 of 4 reports failed/);
    expect(await reports(out)).toEqual(["gbk", "good 报告"]);
    const cells = await readFile(join(out, "good 报告", "cells.csv"), "utf8");
    expect(cells.split("\n")[1]).toContain("Alpha,Score,1.5,1.5");
    const report = JSON.parse(await readFile(join(out, "gbk", "report.json"), "utf8"));
    expect(report.source.encoding).toBe("gb18030");
    expect(report.meta.title ?? report.tables[0].grid[0][0]).toBeTruthy();
  });

  it("rejects binary garbage with a message saying what to do", async () => {
    const dir = await mkdtemp(join(tmpdir(), "cli-"));
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    await writeFile(join(dir, "noise.txt"), bytes);
    const r = await cli([join(dir, "noise.txt"), "--out", join(dir, "out")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/noise\.txt: .*not a text file/);
  });
});
