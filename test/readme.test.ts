// Every command the README shows runs as shown (issue 12): exit code 0, and output that is said to be JSON parses —
// with jq when it is installed, and always by parsing the command's own output here (npx prints no banner on
// stdout, which `npm run … | jq` did). The README's /tmp/yanbao-out is replaced by a fresh folder.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allOptions } from "../pipeline/commands/define.ts";
import { COMMANDS } from "../pipeline/commands/index.ts";

const README = readFileSync("README.md", "utf8");
const lines = [...README.matchAll(/```sh\n([\s\S]*?)```/g)]
  .flatMap((m) => m[1]!.split("\n"))
  .map((l) => l.trim())
  .filter((l) => l.startsWith("npx yanbao "));
const commands = lines.map((l) => l.replace(/\s+#.*$/, "").trim());
const hasJq = spawnSync("jq", ["--version"]).status === 0;

let out: string;
beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), "readme-"));
});
afterAll(() => rm(out, { recursive: true, force: true }));

const sh = (line: string) => spawnSync("bash", ["-o", "pipefail", "-c", line], { encoding: "utf8", timeout: 120_000 });

describe("the README's commands", () => {
  it("are found", () => {
    expect(commands.length).toBeGreaterThanOrEqual(5);
    for (const c of COMMANDS.keys())
      expect(
        commands.some((l) => l.startsWith(`npx yanbao ${c} `) || l === `npx yanbao ${c}`),
        c,
      ).toBe(true);
  });

  it("use only options their command defines (in the comments too)", async () => {
    for (const line of lines) {
      const name = line.split(/\s+/)[2]!;
      const load = COMMANDS.get(name);
      expect(load, line).toBeDefined();
      const options = allOptions((await load!()).definition).map(([o]) => o);
      for (const [, option] of line.matchAll(/(?<![\w-])--([a-z][a-z-]*)/g))
        expect(options, `${line}: --${option}`).toContain(option);
    }
  });

  it.each(commands)(
    "%s",
    (line) => {
      const command = line.replaceAll("/tmp/yanbao-out", out);
      const [bare] = command.split(" | jq ");
      const r = sh(bare!);
      expect(r.status, `${bare}\n${r.stderr}`).toBe(0);
      if (/--json|--log json/.test(bare!)) {
        const text = r.stdout.trim();
        const parsed = /--log json/.test(bare!)
          ? text.split("\n").map((l) => JSON.parse(l) as unknown)
          : [JSON.parse(text) as unknown];
        expect(parsed.length).toBeGreaterThan(0);
      }
      if (command.includes(" | jq ") && hasJq) {
        const piped = sh(command);
        expect(piped.status, `${command}\n${piped.stderr}`).toBe(0);
        expect(piped.stdout.trim()).not.toBe("");
      }
    },
    180_000,
  );
});
