// The commands of `yanbao`, in the order of its help: each with its definition (define.ts), from which its
// argument parsing and help are generated, and its run function. Every command's module is imported only when
// that command runs (each loads what it needs: the batch runner, the database drivers, the queue…); `yanbao
// --help` needs only the summaries (summaries.ts).
import { EXIT_CRASH } from "./crash.ts";
import type { CommandDefinition } from "./define.ts";
import { SUMMARIES } from "./summaries.ts";

export interface Command {
  readonly definition: CommandDefinition;
  run(args: string[]): Promise<number>;
}

export const COMMANDS: ReadonlyMap<string, () => Promise<Command>> = new Map<string, () => Promise<Command>>([
  [
    "extract",
    async () => import("./extract.ts").then((m) => ({ definition: m.extractDefinition, run: m.extractCommand })),
  ],
  [
    "schemas",
    async () => import("./extract.ts").then((m) => ({ definition: m.schemasDefinition, run: m.schemasCommand })),
  ],
  ["diff", async () => import("./diff.ts").then((m) => ({ definition: m.diffDefinition, run: m.diffCommand }))],
  ["load", async () => import("./load.ts").then((m) => ({ definition: m.loadDefinition, run: m.loadCommand }))],
  ["review", async () => import("./review.ts").then((m) => ({ definition: m.reviewDefinition, run: m.reviewCommand }))],
  [
    "enqueue",
    async () => import("./enqueue.ts").then((m) => ({ definition: m.enqueueDefinition, run: m.enqueueCommand })),
  ],
  ["worker", async () => import("./worker.ts").then((m) => ({ definition: m.workerDefinition, run: m.workerCommand }))],
  ["queue", async () => import("./queue.ts").then((m) => ({ definition: m.queueDefinition, run: m.queueCommand }))],
]);

/** The exit codes every command keeps to (each command's help details its own). */
export const EXIT_CODES = [
  [0, "ok"],
  [1, "failures or changes found"],
  [2, "usage/errors"],
  [EXIT_CRASH, "the tool itself crashed (a bug, never a verdict on the inputs)"],
  [130, "interrupted"],
] as const;

/** Each command's name and summary, in the order of the help, without loading any command. */
export const summaries = (): { name: string; summary: string }[] =>
  [...COMMANDS.keys()].map((name) => ({ name, summary: SUMMARIES[name as keyof typeof SUMMARIES] }));

/** Every command's whole definition (this loads every command's module). */
export const definitions = (): Promise<CommandDefinition[]> =>
  Promise.all([...COMMANDS.values()].map(async (load) => (await load()).definition));
