// What an interrupted write (write.ts beside this file) can leave in an output folder, and how it is cleaned: the
// temporary folder and link of a dead process are removed, version folders that no link refers to are removed, a
// plain folder moved aside by a dead run whose link never arrived is put back, and the `.NAME.old-PID` folders
// of earlier versions of the tool are restored or removed as before. Entries of a process still running are
// left alone.
import { lstat, readdir, readlink, rename, rm } from "node:fs/promises";
import { basename, join } from "node:path";

const OWNED = /^\.(.+)\.(tmp|old|link|v-legacy)-(\d+)$/;
const VERSION = /^\.(.+)\.v-(?:[0-9a-f]{12}|legacy-\d+)$/;

const alive = (pid: number) => {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
};

const target = (path: string) =>
  readlink(path).then(
    (t) => basename(t),
    () => null,
  );
const exists = (path: string) =>
  lstat(path).then(
    () => true,
    () => false,
  );

/** Clean what dead runs left in `outDir`. Returns what was done, for the user. */
export async function recoverOutDir(outDir: string): Promise<string[]> {
  const done: string[] = [];
  const names = await readdir(outDir).catch(() => [] as string[]);
  // First what dead processes owned (their links must not keep versions alive), then unreferenced versions.
  for (const entry of names) {
    const m = OWNED.exec(entry);
    if (!m || alive(Number(m[3]))) continue;
    done.push(...(await recoverOutput(outDir, m[1]!, Number(m[3]))));
  }
  const left = await readdir(outDir).catch(() => [] as string[]);
  // Links of live writers are read before the reports' own links: a writer's link is renamed into NAME, so
  // reading in this order sees every version that is or is about to be referred to.
  const referenced = new Set<string>();
  for (const entry of left)
    if (/^\..+\.link-\d+$/.test(entry)) referenced.add((await target(join(outDir, entry))) ?? "");
  for (const entry of left) if (!entry.startsWith(".")) referenced.add((await target(join(outDir, entry))) ?? "");
  const ownerAlive = (entry: string) => {
    const pid = /legacy-(\d+)$/.exec(entry)?.[1];
    return pid !== undefined && alive(Number(pid));
  };
  for (const entry of left) {
    if (!VERSION.test(entry) || referenced.has(entry) || ownerAlive(entry)) continue;
    await rm(join(outDir, entry), { recursive: true, force: true });
    done.push(`removed ${join(outDir, entry)}, an extraction no report refers to any more`);
  }
  return done;
}

/** Clean what an interrupted write of `outDir/name` by process `pid` left behind. */
export async function recoverOutput(outDir: string, name: string, pid = process.pid): Promise<string[]> {
  const done: string[] = [];
  const final = join(outDir, name);
  for (const kind of ["tmp", "link"]) {
    const path = join(outDir, `.${name}.${kind}-${pid}`);
    if (await exists(path)) {
      await rm(path, { recursive: true, force: true });
      if (kind === "tmp") done.push(`removed the unfinished ${path}`);
    }
  }
  // A previous extraction moved aside whose replacement never arrived: put back.
  for (const kind of ["old", "v-legacy"]) {
    const aside = join(outDir, `.${name}.${kind}-${pid}`);
    if (!(await exists(aside))) continue;
    if (await exists(final)) {
      if ((await target(final)) !== basename(aside)) await rm(aside, { recursive: true, force: true });
    } else {
      await rename(aside, final);
      done.push(`restored the previous extraction ${final} from ${aside}`);
    }
  }
  return done;
}
