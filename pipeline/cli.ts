// Command line entry: dispatches to one module per command (pipeline/commands/), imported only when that command
// runs (`yanbao --help` loads no command at all); each parses its own arguments, calls the library API and
// prints. Exit codes: 0 ok, 1 failures or changes found, 2 usage/errors, 70 the tool itself crashed (a bug, never
// a verdict on the inputs), 130 interrupted.
import { COMMANDS, EXIT_CODES, summaries } from "./commands/index.ts";
import { commandsHelp } from "./commands/define.ts";
import { onCrash, onOutputError } from "./commands/crash.ts";

process.on("uncaughtException", onCrash).on("unhandledRejection", onCrash);
// A reader that closed its end of the pipe (`yanbao … | head -1`) ends the run quietly, not as a crash.
process.stdout.on("error", onOutputError);
process.stderr.on("error", onOutputError);

const [command = "", ...args] = process.argv.slice(2);
const load = COMMANDS.get(command);
try {
  if (load) process.exitCode = await (await load()).run(args);
  else if (command === "--help" || command === "-h") console.log(commandsHelp(summaries(), EXIT_CODES));
  else {
    console.error(commandsHelp(summaries(), EXIT_CODES));
    process.exitCode = 2;
  }
} catch (e) {
  onCrash(e);
}
