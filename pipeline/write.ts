// The output edge: a report's files are written to a temporary folder and renamed into place, so a crash
// leaves the previous extraction intact and never a half-written one.
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";

export async function writeAtomically(outDir: string, name: string, files: Map<string, string>): Promise<string> {
  const final = join(outDir, name);
  const tmp = join(outDir, `.${name}.tmp-${process.pid}`);
  const old = join(outDir, `.${name}.old-${process.pid}`);
  await rm(tmp, { recursive: true, force: true });
  for (const [path, text] of files) {
    const target = join(tmp, path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, text);
  }
  await mkdir(outDir, { recursive: true });
  await rename(final, old).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== "ENOENT") throw e;
  });
  await rename(tmp, final);
  await rm(old, { recursive: true, force: true });
  return final;
}
