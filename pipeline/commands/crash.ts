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

let soFar: (() => number) | null = null;

/** The exit code that the work done so far deserves, should the output be closed before the command returns its
 * own (the extract command: 1 once a report failed, else 0). */
export function exitCodeSoFar(code: () => number): void {
  soFar = code;
}

/** An error of writing to stdout or stderr. EPIPE, the reader having gone (`yanbao … | head -1`), is not a crash:
 * nobody reads any more, so the tool ends quietly, as the writer of a closed pipe conventionally does, with the
 * exit code of the work done (the command's own when it has returned, else that of the work done so far; what
 * is extracted is complete, as output folders are only ever swapped in whole). Any other error writing to the
 * terminal or pipe is a crash. */
export function onOutputError(error: NodeJS.ErrnoException): void {
  if (error?.code !== "EPIPE") {
    onCrash(error);
    return;
  }
  if (crashed) return;
  crashed = true;
  hooks.splice(0);
  process.exit(typeof process.exitCode === "number" ? process.exitCode : (soFar?.() ?? 0));
}
