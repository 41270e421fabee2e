// `npm run load`: default folder and database, one line per report, exit codes 0 / 1 / 2 (SQLite; the same
// command against PostgreSQL is exercised by load-db-databases.test.ts).
import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { DatabaseSync } from "node:sqlite";
import { afterAll, describe, expect, it } from "vitest";

const SEED = resolve("out/tianfeng-2024-03-09-llm-text");
const TSX = pathToFileURL(resolve("node_modules/tsx/dist/loader.mjs")).href;
const CLI = resolve("pipeline/cli.ts");
const run = promisify(execFile);
const load = (cwd: string, args: string[]) =>
  run(process.execPath, ["--import", TSX, CLI, "load", ...args], { cwd }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

const dirs: string[] = [];
const workspace = async () => {
  const dir = await mkdtemp(join(tmpdir(), "load-cli-"));
  dirs.push(dir);
  return dir;
};
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe("npm run load", { timeout: 60_000 }, () => {
  it("loads every folder of out/ into sqlite:out/reports.db by default, then skips it", async () => {
    const cwd = await workspace();
    await cp(SEED, join(cwd, "out", "seed"), { recursive: true, dereference: true });
    await mkdir(join(cwd, "out", ".seed.tmp-123")); // the extractor's temporary folder: ignored
    const first = await load(cwd, []);
    expect(first.code, first.stderr).toBe(0);
    // The counts the loader prints are those of the folder's manifest (the seed's tables, cells and scores are
    // pinned by the golden and accuracy tests; its problem count changes with what the stages report).
    const { counts } = JSON.parse(await readFile(join(cwd, "out", "seed", "manifest.json"), "utf8"));
    expect(counts).toMatchObject({ tables: 22, cells: 629, scores: 453 });
    expect(first.stdout).toMatch(
      new RegExp(
        `^out/seed: loaded edition 1 of 天风证券 2024-03-09 .*: 22 tables, 629 cells, 453 scores, ${counts.problems} problems`,
        "m",
      ),
    );
    expect(first.stdout).toMatch(/sqlite:out\/reports\.db: 1 loaded, 0 skipped, 0 failed/);
    expect((await stat(join(cwd, "out", "reports.db"))).isFile()).toBe(true);
    const bytes = await readFile(join(cwd, "out", "reports.db"));
    const second = await load(cwd, []);
    expect(second.code).toBe(0);
    expect(
      (await readFile(join(cwd, "out", "reports.db"))).equals(bytes),
      "the database file is unchanged byte for byte",
    ).toBe(true);
    expect(second.stdout).toMatch(/^out\/seed: skipped, already loaded as edition 1 of 天风证券/m);
    const db = new DatabaseSync(join(cwd, "out", "reports.db"), { readOnly: true });
    expect({ ...db.prepare("SELECT COUNT(*) AS n FROM cells").get() }).toEqual({ n: 629 });
    db.close();
  });

  it("loads the good folders, names the bad ones and exits 1", async () => {
    const cwd = await workspace();
    await cp(SEED, join(cwd, "good"), { recursive: true, dereference: true });
    await cp(SEED, join(cwd, "bad"), { recursive: true, dereference: true });
    const report = JSON.parse(await readFile(join(cwd, "bad", "report.json"), "utf8"));
    report.tables[0].cells[0].value = "90%";
    await writeFile(join(cwd, "bad", "report.json"), JSON.stringify(report));
    const r = await load(cwd, ["bad", "missing", "good", "--db", "sqlite:db/x.db"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error: bad: tables\[0\]\.cells\[0\]\.value \(cell fig-3 r0c1\): invalid/);
    expect(r.stderr).toMatch(/error: missing: no report\.json/);
    expect(r.stdout).toMatch(/^good: loaded edition 1/m);
    expect(r.stdout).toMatch(/1 loaded, 0 skipped, 2 failed/);
  });

  it("exits 2 on bad usage, an unusable database, or nothing to load", async () => {
    const cwd = await workspace();
    expect((await load(cwd, ["--bogus"])).code).toBe(2);
    const help = await load(cwd, ["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/usage: yanbao load \[OUT_DIR\.\.\.\] \[--db URL\]/);
    const none = await load(cwd, []);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/nothing to load/);
    await cp(SEED, join(cwd, "out", "seed"), { recursive: true, dereference: true });
    const mysql = await load(cwd, ["--db", "mysql://u:secret@h/db"]);
    expect(mysql.code).toBe(2);
    expect(mysql.stderr).toMatch(/unsupported database URL "mysql:\/\/u:\*\*\*@h\/db"/);
    expect(mysql.stderr).not.toContain("secret");
    const down = await load(cwd, ["--db", "postgres://u:secret@127.0.0.1:1/db"]);
    expect(down.code).toBe(2);
    expect(down.stderr).toMatch(/cannot open database postgres:\/\/u:\*\*\*@127\.0\.0\.1:1\/db: .*ECONNREFUSED/);
  });
});
