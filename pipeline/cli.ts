// Command line entry: dispatches to one module per command (pipeline/commands/); each parses its own
// arguments, calls the library API and prints. Exit codes: 0 ok, 1 failures or changes found, 2 usage/errors,
// 70 the tool itself crashed (a bug, never a verdict on the inputs), 130 interrupted.
import { COMMANDS, definitions, EXIT_CODES } from "./commands/index.ts";
import { commandsHelp } from "./commands/define.ts";
import { onCrash } from "./commands/crash.ts";

process.on("uncaughtException", onCrash).on("unhandledRejection", onCrash);

const [command = "", ...args] = process.argv.slice(2);
const load = COMMANDS.get(command);
try {
  if (load) process.exitCode = await (await load()).run(args);
  else if (command === "--help" || command === "-h") console.log(commandsHelp(await definitions(), EXIT_CODES));
  else {
    console.error(commandsHelp(await definitions(), EXIT_CODES));
    process.exitCode = 2;
  }
} catch (e) {
  onCrash(e);
}
