// The build (npm run build → dist/, what bin/yanbao.js runs) extracts exactly what the TypeScript does: the text
// seed through the compiled CLI, worker threads included, gives the committed out/ folder byte for byte.
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, stat, writeFile } from "node:fs/promises";
import module from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const BUILT = "dist/pipeline/cli.js";
const SEED = "tianfeng-2024-03-09-llm-text";

/** The build exists and is newer than every source file (what bin/yanbao.js checks before using it: pipeline/ and
 * the schemas' code, not schemas/json/, which other tests regenerate). */
async function freshBuild(): Promise<boolean> {
  const built = await stat(BUILT).then(
    (s) => s.mtimeMs,
    () => -1,
  );
  if (built < 0) return false;
  for (const dir of ["pipeline", "schemas"]) {
    for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
      if (!e.isFile() || (dir === "schemas" && !e.name.endsWith(".ts"))) continue;
      if ((await stat(join(e.parentPath, e.name))).mtimeMs > built) return false;
    }
  }
  return true;
}

const fresh = await freshBuild();
if (!fresh && process.env.CI)
  throw new Error(`${BUILT} is missing or older than the sources: npm ci runs npm run build (prepare)`);
if (!fresh) console.warn(`skipping the build test: ${BUILT} is missing or stale (run npm run build)`);

describe.skipIf(!fresh)("the compiled CLI", () => {
  it("extracts the text seed exactly as committed in out/", async () => {
    const dir = await mkdtemp(join(tmpdir(), "build-"));
    await run(process.execPath, [BUILT, "extract", `sources/${SEED}.txt`, "--out", dir, "--log", "json"]);
    const files = (await readdir(join(dir, SEED), { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
    expect(files.length).toBeGreaterThan(5);
    for (const e of files) {
      const rel = join(e.parentPath, e.name).slice(join(dir, SEED).length + 1);
      expect(await readFile(join(dir, SEED, rel), "utf8"), rel).toBe(await readFile(join("out", SEED, rel), "utf8"));
    }
  }, 120_000);

  // Issue 17: start-up. The main thread loads only what the command needs; the extraction threads start from the
  // bundle of their code (bin/bundle.js), which the test above ran.
  it("is built with the bundle of the worker's code, newer than the compiled worker", async () => {
    const bundle = await stat("dist/bundle/worker.js");
    expect(bundle.mtimeMs).toBeGreaterThanOrEqual((await stat("dist/pipeline/batch/worker.js")).mtimeMs);
  });

  it.skipIf(!("registerHooks" in module))(
    "loads no command for --help, and neither zod, ExcelJS, pdf.js nor the OCR engine in the main thread of a text extraction",
    async () => {
      const dir = await mkdtemp(join(tmpdir(), "build-"));
      // Every module the main thread resolves, printed on stderr (module hooks are per thread: workers are not seen).
      const hook = join(dir, "trace.mjs");
      await writeFile(
        hook,
        'import { registerHooks } from "node:module";\nregisterHooks({ resolve(s, c, next) { const r = next(s, c); process.stderr.write(`resolved ${r.url}\\n`); return r; } });\n',
      );
      const loaded = (stderr: string) =>
        [...stderr.matchAll(/^resolved (.*)$/gm)].map((m) => m[1]!.slice(m[1]!.indexOf("/dist/") + 1));
      const help = await run(process.execPath, ["--import", hook, BUILT, "--help"]);
      expect(new Set(loaded(help.stderr).filter((u) => !u.startsWith("node:")))).toEqual(
        new Set([
          "dist/pipeline/cli.js",
          ...["index", "summaries", "define", "crash"].map((m) => `dist/pipeline/commands/${m}.js`),
        ]),
      );
      await writeFile(join(dir, "one.txt"), "一行\n");
      const one = await run(process.execPath, [
        "--import",
        hook,
        BUILT,
        "extract",
        join(dir, "one.txt"),
        "--out",
        join(dir, "out"),
        "--log",
        "json",
      ]);
      expect(one.stdout).toMatch(/"event":"summary","done":1/);
      const main = loaded(one.stderr);
      expect(main).toContain("dist/pipeline/batch/run.js");
      for (const heavy of [
        "/zod/",
        "/exceljs/",
        "/jszip/",
        "/pdfjs-dist/legacy/",
        "/tesseract.js/",
        "/pg/",
        "/pg-boss/",
      ])
        expect(
          main.filter((u) => u.includes(heavy)),
          heavy,
        ).toEqual([]);
    },
    60_000,
  );
});
