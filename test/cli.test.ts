// The command line over the library: exit codes, error messages, and a bad file not costing the others.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { allOptions, commandsHelp, helpText, parseCommand } from "../pipeline/commands/define.ts";
import { COMMANDS, definitions, EXIT_CODES } from "../pipeline/commands/index.ts";
import { reports } from "./fixtures/out-dir.ts";

const run = promisify(execFile);
const yanbao = (args: string[]) =>
  run(process.execPath, ["--import", "tsx", "pipeline/cli.ts", ...args]).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
const cli = (args: string[]) => yanbao(["extract", ...args]);

// "你好研报" in GBK, as a Chinese text file saved by a Windows editor would hold it.
const GBK_REPORT = Buffer.concat([
  Buffer.from([0xc4, 0xe3, 0xba, 0xc3, 0xd1, 0xd0, 0xb1, 0xa8]),
  Buffer.from("\n\nA\tB\nx\t1\n"),
]);

describe("npm run extract", () => {
  it("extracts good files, reports the bad one by name, and exits 1", async () => {
    const dir = await mkdtemp(join(tmpdir(), "cli-"));
    const out = join(dir, "out");
    await writeFile(join(dir, "good 报告.txt"), "标题行\n\nModel\tScore\nAlpha\t1.5\n");
    await writeFile(join(dir, "empty.txt"), "");
    await writeFile(join(dir, "gbk.txt"), GBK_REPORT);
    const r = await cli([
      join(dir, "good 报告.txt"),
      join(dir, "empty.txt"),
      join(dir, "missing.txt"),
      join(dir, "gbk.txt"),
      "--out",
      out,
    ]);
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

// Each command's parseArgs configuration and its --help are generated from one definition (pipeline/commands/).
describe("command definitions and --help", () => {
  const names = [...COMMANDS.keys()];

  it("name every command as the command line does", async () => {
    expect((await definitions()).map((d) => d.name)).toEqual(names);
  });

  it("show every option in the help, with its short form, value name and default", async () => {
    for (const d of await definitions()) {
      const help = helpText(d);
      expect(help.split("\n")[0], d.name).toMatch(new RegExp(`^usage: yanbao ${d.name}\\b`));
      for (const p of d.positionals) expect(help, `${d.name} ${p.name}`).toContain(`  ${p.name} `);
      for (const [name, o] of allOptions(d)) {
        const flag = `--${name}${o.type === "string" ? ` ${o.value ?? o.choices?.join("|")}` : ""}`;
        expect(help, `${d.name} --${name}`).toMatch(
          new RegExp(`^  ${o.short ? `-${o.short}, ` : ""}${flag.replace(/[|.]/g, "\\$&")}  `, "m"),
        );
        const shown = o.shownDefault ?? (o.type === "string" ? o.default : undefined);
        if (shown !== undefined) expect(help, `${d.name} --${name}`).toContain(`(default ${shown})`);
      }
    }
  });

  it("give parseArgs exactly the options of the definition, with their defaults", async () => {
    for (const d of await definitions()) {
      const absent = parseCommand(d, []).values as Record<string, unknown>;
      for (const [name, o] of allOptions(d)) {
        expect(absent[name], `${d.name} --${name}`).toBe(o.default);
        const given = o.type === "string" ? [`--${name}`, o.choices?.[0] ?? "1"] : [`--${name}`];
        expect((parseCommand(d, given).values as Record<string, unknown>)[name], `${d.name} --${name}`).toBe(
          o.type === "string" ? given[1] : true,
        );
        if (o.short) expect((parseCommand(d, [`-${o.short}`]).values as Record<string, unknown>)[name]).toBe(true);
      }
      expect(() => parseCommand(d, ["--bogus"]), d.name).toThrow(/Unknown option '--bogus'/);
    }
  });

  it("yanbao --help lists every command with its summary, and exits 0", async () => {
    const defs = await definitions();
    for (const flag of ["--help", "-h"]) {
      const r = await yanbao([flag]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`${commandsHelp(defs, EXIT_CODES)}\n`);
      for (const d of defs)
        expect(r.stdout).toMatch(
          new RegExp(`^  ${d.name} +${d.summary.slice(0, 40).replace(/[.()/<>]/g, "\\$&")}`, "m"),
        );
    }
  });

  it("a missing or unknown command exits 2 with the list on stderr", async () => {
    for (const args of [[], ["bogus"]]) {
      const r = await yanbao(args);
      expect(r.code).toBe(2);
      expect(r.stderr.startsWith(`usage: yanbao <${names.join("|")}> [args]`)).toBe(true);
    }
  });

  it.each(names)("yanbao %s --help prints the help generated from its definition, and exits 0", async (name) => {
    const { definition } = await COMMANDS.get(name)!();
    for (const flag of ["--help", "-h"]) {
      const r = await yanbao([name, flag]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe(`${helpText(definition)}\n`);
    }
  });

  it.each(names)("yanbao %s with an unknown option exits 2 with its usage", async (name) => {
    const { definition } = await COMMANDS.get(name)!();
    const r = await yanbao([name, "--bogus"]);
    expect(r.code).toBe(2);
    // schemas prints its help on stdout, as it always did; the others name the bad option on stderr
    expect(r.stdout + r.stderr).toContain(helpText(definition));
    if (name !== "schemas") expect(r.stderr).toMatch(/Unknown option '--bogus'/);
  });
});
