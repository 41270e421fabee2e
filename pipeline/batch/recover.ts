// Output folders are written by writeAtomically as `.NAME.tmp-PID`, then the previous `NAME` is moved to
// `.NAME.old-PID` and the new one renamed into place. A run killed in between leaves these behind: the temporary
// folder is removed, and a previous extraction whose replacement never arrived is put back as `NAME`.
import { readdir, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";

const LEFTOVER = /^\.(.+)\.(tmp|old)-(\d+)$/;

const alive = (pid: number) => {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
};

/** Clean what dead runs left in `outDir` (folders of a run still going are left alone). Returns what was done. */
export async function recoverOutDir(outDir: string): Promise<string[]> {
  const names = await readdir(outDir).catch(() => [] as string[]);
  const done: string[] = [];
  for (const entry of names) {
    const m = LEFTOVER.exec(entry);
    if (!m || alive(Number(m[3]))) continue;
    done.push(...(await recoverOutput(outDir, m[1]!, Number(m[3]))));
  }
  return done;
}

/** Clean what an interrupted write of `outDir/name` by process `pid` left behind. */
export async function recoverOutput(outDir: string, name: string, pid = process.pid): Promise<string[]> {
  const done: string[] = [];
  const tmp = join(outDir, `.${name}.tmp-${pid}`);
  const old = join(outDir, `.${name}.old-${pid}`);
  if (await exists(tmp)) {
    await rm(tmp, { recursive: true, force: true });
    done.push(`removed the unfinished ${tmp}`);
  }
  if (await exists(old)) {
    if (await exists(join(outDir, name))) {
      await rm(old, { recursive: true, force: true });
    } else {
      await rename(old, join(outDir, name));
      done.push(`restored the previous extraction ${join(outDir, name)} from ${old}`);
    }
  }
  return done;
}

const exists = (path: string) => stat(path).then(() => true, () => false);
