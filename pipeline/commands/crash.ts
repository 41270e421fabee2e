// A crash of the tool itself (an exception nobody caught, a promise nobody handled) is a bug, never a verdict on
// the inputs: it gets its own exit code, distinct from "some reports failed", and what had finished is still
// printed, so a script can tell the two apart and a user knows which outputs are complete.
export const EXIT_CRASH = 70; // EX_SOFTWARE in sysexits.h

const hooks: (() => void)[] = [];

/** Run `print` before exiting on a crash (the extract command prints the reports that finished). */
export function beforeCrashExit(print: () => void): () => void {
  hooks.push(print);
  return () => {
    const i = hooks.indexOf(print);
    if (i >= 0) hooks.splice(i, 1);
  };
}

let crashed = false;

export function onCrash(error: unknown): void {
  if (crashed) return;
  crashed = true;
  for (const hook of hooks.splice(0)) {
    try {
      hook();
    } catch {
      // printing what finished must not hide the crash itself
    }
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(
    `internal error: the tool crashed (exit ${EXIT_CRASH}); this is a bug, please report it with the command and the input files\n${detail}\n`,
  );
  process.exit(EXIT_CRASH);
}
