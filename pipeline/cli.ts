// Command line entry: dispatches to one module per command (pipeline/commands/); each parses its own
// arguments, calls the library API and prints. Exit codes: 0 ok, 1 failures or changes found, 2 usage/errors.
import { extractCommand, schemasCommand } from "./commands/extract.ts";

const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  extract: extractCommand,
  schemas: schemasCommand,
  diff: async (args) => (await import("./commands/diff.ts")).diffCommand(args),
  load: async (args) => (await import("./commands/load.ts")).loadCommand(args),
};

const [command = "", ...args] = process.argv.slice(2);
const run = COMMANDS[command];
if (!run) {
  console.error(`usage: cli.ts <${Object.keys(COMMANDS).join("|")}> [args]`);
  process.exitCode = 2;
} else {
  process.exitCode = await run(args);
}
