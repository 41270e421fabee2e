// Command line entry: dispatches to one module per command (pipeline/commands/); each parses its own
// arguments, calls the library API and prints. Exit codes: 0 ok, 1 failures or changes found, 2 usage/errors,
// 70 the tool itself crashed (a bug, never a verdict on the inputs), 130 interrupted.
import { extractCommand, schemasCommand } from "./commands/extract.ts";
import { onCrash } from "./commands/crash.ts";

const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  extract: extractCommand,
  schemas: schemasCommand,
  diff: async (args) => (await import("./commands/diff.ts")).diffCommand(args),
  load: async (args) => (await import("./commands/load.ts")).loadCommand(args),
};

process.on("uncaughtException", onCrash).on("unhandledRejection", onCrash);

const [command = "", ...args] = process.argv.slice(2);
const run = COMMANDS[command];
if (!run) {
  console.error(`usage: yanbao <${Object.keys(COMMANDS).join("|")}> [args]   (yanbao <command> --help for each)`);
  process.exitCode = 2;
} else {
  try {
    process.exitCode = await run(args);
  } catch (e) {
    onCrash(e);
  }
}
