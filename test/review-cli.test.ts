// `yanbao review` on the command line: the page written where --out says with a one-line summary, the missing
// source said on stderr (exit 0: the page is still built), a folder that is no extraction refused with exit 2, and
// --open handing the page's file:// URL to $BROWSER.
import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const yanbao = (args: string[], env: NodeJS.ProcessEnv = process.env) =>
  run(process.execPath, ["--import", "tsx", "pipeline/cli.ts", "review", ...args], { env }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
const scratch: string[] = [];
afterAll(async () => {
  for (const d of scratch) await rm(d, { recursive: true, force: true });
});
const temp = async () => {
  const d = await mkdtemp(join(tmpdir(), "review-cli-"));
  scratch.push(d);
  return d;
};

describe("yanbao review", () => {
  it("writes the page where --out says, says so on one line, and opens it with --open", async () => {
    const dir = await temp();
    const opened = join(dir, "opened.txt");
    const browser = join(dir, "browser.sh");
    await writeFile(browser, `#!/bin/sh\nprintf '%s' "$1" > '${opened}'\n`, { mode: 0o755 });
    const out = join(dir, "page");
    const r = await yanbao(["out/tianfeng-2024-03-09-llm-text", "--out", out, "--open"], {
      ...process.env,
      BROWSER: browser,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/index\.html: 0 images, \d+ KiB in [\d.]+ s\n$/);
    expect((await readdir(out)).sort()).toEqual(["index.html", "review.css", "review.js"]);
    await expect
      .poll(() => readFile(opened, "utf8").catch(() => ""), { timeout: 10_000 })
      .toBe(pathToFileURL(join(out, "index.html")).href);
  });

  it("builds the page without crops when the source PDF is not found, and says why on stderr", async () => {
    const dir = join(await temp(), "tianfeng-2024-03-09-llm");
    await cp("out/tianfeng-2024-03-09-llm", dir, { recursive: true, dereference: true });
    const r = await yanbao([dir]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/review: the source PDF tianfeng-2024-03-09-llm\.pdf .* was not found/);
    expect(await readdir(join(dir, "review"))).toEqual(["index.html", "review.css", "review.js"]);
  });

  it("refuses a folder that holds no extraction, naming what is missing", async () => {
    const r = await yanbao([await temp()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/review: error: .*: no report\.json; give an extraction folder/);
  });
});
