// A batch over broken and hostile inputs (test/fixtures/hostile/, made by its make.ts) beside good ones: no crash,
// no hang, one specific error record per bad file (what, and what to do), the good outputs complete, nothing left
// half-written, exit code 1.
import { execFile, execFileSync } from "node:child_process";
import { cp, mkdtemp, readFile, rm, symlink } from "node:fs/promises";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { reports, strays } from "./fixtures/out-dir.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const cli = (args: string[]) =>
  run(process.execPath, ["--import", "tsx", "pipeline/cli.ts", "extract", ...args], {
    timeout: 120_000,
    maxBuffer: 2 ** 26,
  }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
const lines = (stdout: string) =>
  stdout
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Record<string, any>);

/** Bad file → its error code, and words its message or action must hold. */
const BAD: Record<string, [string, RegExp]> = {
  "空 文件.txt": ["input/empty", /empty file.*check that the right file/],
  "empty.pdf": ["input/empty", /empty file/],
  "truncated.pdf": ["pdf/truncated", /cut off.*get it again/],
  "encrypted.pdf": ["pdf/encrypted", /encrypted.*--password/],
  "image.pdf": ["input/wrong-type", /PNG image.*\.pdf.*give the report/],
  "binary garbage.txt": ["text/not-text", /not a text file.*convert it/],
  "invalid utf8.md": ["text/invalid-utf8", /invalid UTF-8 at line 4.*re-save it as UTF-8/],
  "many pages.pdf": ["pdf/too-many-pages", /2500 pages.*limit of 2000.*--max-pages/],
  "huge image.pdf": ["pdf/image-too-large", /60000 × 60000 pixels.*--max-image-pixels/],
  "content bomb.pdf": [
    "worker/out-of-memory",
    /more than its 300 MB of memory while reading page 1 of 1 \(the file is 5\d KB\).*--max-memory.*decompression bomb/,
  ],
  "circular pages.pdf": ["pdf/corrupt", /circular reference.*fresh copy/],
  "deep nesting.pdf": ["pdf/corrupt", /could not be read.*fresh copy/],
  "gzipped.pdf": ["input/wrong-type", /gzip archive.*give the report/],
  "nuls.txt": ["text/not-text", /NUL bytes.*convert it/],
  // Made by the test (git keeps neither): a pipe named like a report, which a reader would wait on forever, and a
  // link to nothing.
  "pipe.txt": ["input/not-a-file", /a pipe.*give report files/],
  "dangling.pdf": ["input/missing", /link to a file that does not exist.*fix or remove/],
};
/** Good file → a problem code its extraction must carry (the data keeps what was found), or null. */
const GOOD: Record<string, string | null> = {
  "研报 good 报告.txt": null,
  // Page 2 of 2 cannot be read: page 1 is extracted, the report is partial and names the page.
  "corrupted.pdf": "pdf/page-unreadable",
  "good markdown.md": null,
  "good.pdf": null,
  "tianfeng-2024-03-09-llm-text.txt": null,
  "ragged rows.txt": "table/ragged-row",
  "gbk 编码.txt": "input/non-utf8-encoding",
  "utf16 报告.txt": "input/non-utf8-encoding",
  "really a pdf.txt": "input/extension-mismatch",
  "really text.pdf": "input/extension-mismatch",
  "damaged xref.pdf": "input/pdf-repaired",
};

let dir: string;
let result: Awaited<ReturnType<typeof cli>>;
let records: Record<string, any>[];
const byFile = (name: string) => records.find((r) => typeof r.file === "string" && r.file.endsWith(`/${name}`)) ?? {};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "batch-hostile-"));
  await cp("test/fixtures/hostile", join(dir, "in"), { recursive: true, filter: (src) => !src.endsWith("make.ts") });
  await cp("sources/tianfeng-2024-03-09-llm-text.txt", join(dir, "in", "tianfeng-2024-03-09-llm-text.txt"));
  execFileSync("mkfifo", [join(dir, "in", "pipe.txt")]);
  await symlink(join(dir, "no such file.pdf"), join(dir, "in", "dangling.pdf"));
  result = await cli([
    join(dir, "in"),
    "--out",
    join(dir, "out"),
    "--log",
    "json",
    "--concurrency",
    "2",
    "--timeout",
    "60",
    "--max-memory",
    "300",
  ]);
  records = lines(result.stdout);
}, 150_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("a batch of hostile inputs", () => {
  it("ends with exit code 1 and a summary counting every file", () => {
    expect(result.code).toBe(1);
    const summary = records.at(-1)!;
    expect(summary).toMatchObject({
      event: "summary",
      done: Object.keys(GOOD).length,
      failed: Object.keys(BAD).length,
      skipped: 0,
      interrupted: 0,
    });
    expect(summary.failures).toHaveLength(Object.keys(BAD).length);
  });

  it.each(Object.entries(BAD))("refuses %s with a specific error saying what to do", (name, [code, words]) => {
    const r = byFile(name);
    expect(r, `no record for ${name}`).toMatchObject({ event: "failed", error: { code } });
    expect(`${r.error.message}; ${r.error.action}`).toMatch(words);
    expect(r.error.action.length).toBeGreaterThan(10);
  });

  it("gives the page of a damaged page, and marks the report partial", async () => {
    const r = byFile("corrupted.pdf");
    expect(await readFile(join(r.out, "problems.csv"), "utf8")).toMatch(
      /^pdf\/page-unreadable,error,read,corrupted\.pdf,2,,page 2,/m,
    );
    expect(r.status).toBe("partial");
  });

  it.each(Object.entries(GOOD))("extracts %s completely, problems written with the data", async (name, problem) => {
    const r = byFile(name);
    expect(r, `no record for ${name}`).toMatchObject({ event: "done" });
    const manifest = JSON.parse(await readFile(join(r.out, "manifest.json"), "utf8"));
    for (const o of manifest.outputs as { path: string; sha256: string }[]) {
      const text = await readFile(join(r.out, o.path));
      expect(createHash("sha256").update(text).digest("hex"), `${name}: ${o.path}`).toBe(o.sha256);
    }
    if (problem) expect(await readFile(join(r.out, "problems.csv"), "utf8")).toContain(`${problem},`);
  });

  it("leaves no temporary folder and no output for the bad files", async () => {
    expect(await strays(join(dir, "out"))).toEqual([]);
    expect(await reports(join(dir, "out"))).toEqual(
      Object.keys(GOOD)
        .map((n) => n.replace(/\.[^.]+$/, ""))
        .sort(),
    );
  });

  it("opens the encrypted PDF with --password", async () => {
    const r = await cli([
      join(dir, "in", "encrypted.pdf"),
      "--out",
      join(dir, "out-pw"),
      "--password",
      "secret",
      "--log",
      "json",
    ]);
    expect(r.code).toBe(0);
    expect(lines(r.stdout)[0]).toMatchObject({ event: "done" });
    const wrong = await cli([
      join(dir, "in", "encrypted.pdf"),
      "--out",
      join(dir, "out-pw2"),
      "--password",
      "nope",
      "--log",
      "json",
    ]);
    expect(wrong.code).toBe(1);
    expect(lines(wrong.stdout)[0]).toMatchObject({ event: "failed", error: { code: "pdf/wrong-password" } });
  }, 60_000);

  it("raises a limit on request", async () => {
    const r = await cli([
      join(dir, "in", "many pages.pdf"),
      "--out",
      join(dir, "out-pages"),
      "--max-pages",
      "3000",
      "--log",
      "json",
    ]);
    expect(lines(r.stdout)[0]).toMatchObject({ event: "done", pages: 2500 });
  }, 120_000);
});
