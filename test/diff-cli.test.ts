// `npm run diff -- OLD NEW`: exit codes, --json, error messages naming the file and the fault.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { DiffDocument } from "../schemas/diff.ts";

const run = promisify(execFile);
const diff = (args: string[], env: Record<string, string> = {}) =>
  run(process.execPath, ["--import", "tsx", "pipeline/cli.ts", "diff", ...args], {
    env: { ...process.env, ...env },
  }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

const SEED = "sources/tianfeng-2024-03-09-llm-text.txt";
const B = "test/fixtures/diff/seed-edition-b.txt";

describe("npm run diff", () => {
  it("exits 0 with no data change (source file against its extraction folder)", async () => {
    const r = await diff([SEED, "out/tianfeng-2024-03-09-llm-text"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/no data change/);
  });

  it("exits 1 and prints a summary then the changes by table, without colour when not on a terminal", async () => {
    const r = await diff([SEED, B]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^old sources\/tianfeng/);
    expect(r.stdout).toMatch(/\d+ data changes: 5 metadata, /);
    expect(r.stdout).toMatch(
      /图 16 → 图 15 Claude3 模型的部分测试结果超过 GPT-4\n {2}value +Math problem-solving MATH × Claude 3 Opus: 60\.1% 0-shot CoT → 61\.3% 0-shot CoT/,
    );
    expect(r.stdout).toMatch(/- 图 12 Mixtral 8x7B 与 LLaMA2、GPT-3\.5 对比/);
    expect(r.stdout).toMatch(/renumbered, no data change: 图 17 → 图 16/);
    expect(r.stdout).not.toContain("\u001b[");
  });

  it("--json prints a document valid under the diff schema", async () => {
    const r = await diff([SEED, B, "--json", "--all", "--epsilon", "0.001"]);
    expect(r.code).toBe(1);
    const doc = DiffDocument.parse(JSON.parse(r.stdout));
    expect(doc.options).toEqual({ epsilon: 0.001, all: true });
    expect(doc.summary.by_kind.table_removed).toBe(1);
    expect(doc.changes.find((c) => c.kind === "value" && c.scope === "score" && c.row === "GPT-4")).toMatchObject({
      col: "GSM8K",
      old_value: 92,
      new_value: 92.5,
      table_title: "Gemini 基准测试量化结果",
    });
  });

  it("exits 2 naming the file and what is wrong", async () => {
    const dir = await mkdtemp(join(tmpdir(), "diff-"));
    await mkdir(join(dir, "empty-folder"));
    await mkdir(join(dir, "bad"));
    await writeFile(join(dir, "bad", "report.json"), JSON.stringify({ schema_version: 2 }));
    await mkdir(join(dir, "broken"));
    await writeFile(join(dir, "broken", "report.json"), "{ not json");
    await writeFile(join(dir, "empty.txt"), "");

    const missing = await diff([SEED, join(dir, "missing.txt")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/missing\.txt: no such file or folder/);
    const folder = await diff([join(dir, "empty-folder"), SEED]);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(/empty-folder: no report\.json in this folder/);
    const bad = await diff([SEED, join(dir, "bad")]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\/report\.json: not a valid report \(schemas\/report\.ts\): schema_version: /);
    const broken = await diff([SEED, join(dir, "broken")]);
    expect(broken.stderr).toMatch(/broken\/report\.json: not valid JSON/);
    const empty = await diff([join(dir, "empty.txt"), SEED]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(new RegExp(`${join(dir, "empty.txt")}: empty file`));
  });

  it("exits 2 on bad usage", async () => {
    expect((await diff([SEED])).code).toBe(2);
    expect((await diff([SEED, B, "--epsilon=-1"])).stderr).toMatch(/--epsilon must be a number ≥ 0, got "-1"/);
    expect((await diff([SEED, B, "--epsilon", "abc"])).code).toBe(2);
    expect((await diff([SEED, B, "--bogus"])).code).toBe(2);
    const help = await diff(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/usage: yanbao diff OLD NEW/);
  });
});
