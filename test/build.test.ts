// The build (npm run build → dist/, what bin/yanbao.js runs) extracts exactly what the TypeScript does: the text
// seed through the compiled CLI, worker threads included, gives the committed out/ folder byte for byte.
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, stat } from "node:fs/promises";
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
});
