// The output edge: where a report's folder goes, and how it is replaced without a moment when it is missing.
//
// `OUT/NAME` is a symbolic link to a version folder `OUT/.NAME.v-HASH` (HASH: of the files' paths and bytes, so
// the same extraction always lands in the same folder and the committed out/ stays byte-identical). Replacing a
// report: its files are written to `.NAME.tmp-PID`; a link `.NAME.link-PID` to the new version is made; the
// temporary folder is renamed to the version; the link is renamed over `NAME` (rename(2) of a link over a link is
// atomic); the previous version is removed. A reader of `OUT/NAME` sees the old version or the new one at every
// instant; a kill at any step leaves at most unreferenced hidden entries, which `recoverOutDir` removes.
// Every name joined to OUT is checked to be one plain path component, so no rename or delete leaves OUT.
import { createHash } from "node:crypto";
import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import { access, constants, lstat, mkdir, readlink, realpath, rename, rm, stat, symlink } from "node:fs/promises";
import { basename, dirname, extname, join, sep } from "node:path";
import { type FileText, textChunks } from "../stages/emit-text.ts";

/** A name that cannot be an output folder's, with the reason. */
export class OutputNameError extends Error {
  readonly code = "output/bad-name";
}

/** A `--out` that cannot take outputs. */
export class OutputDirError extends Error {
  readonly code = "output/bad-folder";
}

// Windows device names: a folder so named cannot be opened there, and out/ travels between machines.
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;
// Control characters and the separators of any system, which would make one name several path components.
const UNSAFE = /[\u0000-\u001f\u007f/\\:*?"<>|]/g;
const MAX_BYTES = 200; // 255 is the usual limit of one component; the hidden version name adds up to 20

/** The output folder name of an input path: its file name without the extension, made safe (control characters
 * and separators become `_`, leading dots and trailing dots or spaces are dropped, a device name gets `_`).
 * Throws OutputNameError when nothing usable is left (`...txt`, `..md`) or the name is too long. */
export function outputName(path: string): string {
  const raw = basename(path, extname(path)).normalize("NFC");
  let name = raw
    .replace(UNSAFE, "_")
    .replace(/^[.\s]+/, "")
    .replace(/[.\s]+$/, "");
  if (RESERVED.test(name)) name = `${name}_`;
  if (!name)
    throw new OutputNameError(
      `the file name "${basename(path)}" leaves no usable output folder name (it is only dots, spaces or an extension)`,
    );
  if (Buffer.byteLength(name) > MAX_BYTES)
    throw new OutputNameError(
      `the file name is ${Buffer.byteLength(name)} bytes long; output folder names are limited to ${MAX_BYTES}`,
    );
  return name;
}

/** `OUT/child` for a child that must be one plain component of OUT (never `.`, `..` or a path). */
function inside(outDir: string, child: string): string {
  if (!child || child === "." || child === ".." || child.includes("/") || child.includes(sep) || child.includes("\0")) {
    throw new OutputNameError(`refusing to write "${child}": not a plain name inside ${outDir}`);
  }
  return join(outDir, child);
}

/** Make `--out` a folder, resolve it once (symbolic links included) and check that it can be written. */
export async function prepareOutDir(outDir: string): Promise<string> {
  const info = await stat(outDir).catch(() => null);
  if (info && !info.isDirectory()) throw new OutputDirError(`${outDir} is not a folder`);
  try {
    await mkdir(outDir, { recursive: true });
    const real = await realpath(outDir);
    await access(real, constants.W_OK | constants.X_OK);
    return real;
  } catch (e) {
    throw new OutputDirError(
      `${outDir} cannot be used as the output folder (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    );
  }
}

/** The version folder name of a set of files: the same files always give the same name. The manifest lists every
 * other file with its sha256, so its text alone identifies the set (no second pass over the bytes). */
export function versionName(name: string, files: Map<string, FileText>): string {
  const h = createHash("sha256");
  const manifest = files.get("manifest.json");
  for (const path of manifest === undefined ? [...files.keys()].sort() : ["manifest.json"]) {
    h.update(`${path}\0`);
    for (const chunk of textChunks(files.get(path)!)) h.update(chunk);
    h.update("\0");
  }
  return `.${name}.v-${h.digest("hex").slice(0, 12)}`;
}

/** The files into the new folder `dir`, synchronously: an extraction thread has nothing else to do meanwhile, and
 * a round trip through libuv's thread pool per call (four per file) left it idle for most of the write stage. */
function writeFiles(dir: string, files: Map<string, FileText>): void {
  const made = new Set<string>();
  for (const [path, text] of files) {
    const target = join(dir, path);
    if (!target.startsWith(dir + sep))
      throw new OutputNameError(`refusing to write "${path}" outside the report's folder`);
    const parent = dirname(target);
    if (!made.has(parent)) mkdirSync(parent, { recursive: true });
    made.add(parent);
    const fd = openSync(target, "w");
    try {
      for (const chunk of textChunks(text)) {
        const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
        for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at); // a short write goes on
      }
    } finally {
      closeSync(fd);
    }
  }
}

/** The version folder `OUT/NAME` points to now: null when there is none; `legacy` for a plain folder. */
export async function currentVersion(outDir: string, name: string): Promise<string | "legacy" | null> {
  const path = inside(outDir, name);
  const info = await lstat(path).catch(() => null);
  if (!info) return null;
  if (!info.isSymbolicLink()) return "legacy";
  return basename(await readlink(path));
}

/** The steps of a replacement, in order: a test stops the writer after each to check what a reader sees. */
export type WriteStep = "written" | "linked" | "versioned" | "moved-aside" | "swapped" | "cleaned";

/** Write `files` as the report `OUT/NAME`, replacing what was there with no moment when it is missing. */
export async function writeAtomically(
  outDir: string,
  name: string,
  files: Map<string, FileText>,
  after: (step: WriteStep) => void = () => {},
): Promise<string> {
  const final = inside(outDir, name);
  const version = versionName(name, files);
  const tmp = inside(outDir, `.${name}.tmp-${process.pid}`);
  const link = inside(outDir, `.${name}.link-${process.pid}`);
  await mkdir(outDir, { recursive: true });
  await rm(tmp, { recursive: true, force: true });
  await rm(link, { force: true });
  writeFiles(tmp, files);
  after("written");
  // The link first, then the version: a recovery that lists the folder sees the version only once something
  // (this link, later NAME) refers to it.
  await symlink(version, link);
  after("linked");
  await rename(tmp, inside(outDir, version)).catch(async (e: NodeJS.ErrnoException) => {
    if (e.code !== "ENOTEMPTY" && e.code !== "EEXIST") throw e;
    await rm(tmp, { recursive: true, force: true }); // the same extraction is there already
  });
  after("versioned");
  let previous = await currentVersion(outDir, name);
  if (previous === "legacy") {
    // A plain folder written by an earlier version of the tool: moved aside so the link can take its name (this
    // one step, once per folder, has a window; every later replacement has none).
    previous = `.${name}.v-legacy-${process.pid}`;
    await rename(final, inside(outDir, previous));
    after("moved-aside");
  }
  await rename(link, final);
  after("swapped");
  if (previous && previous !== version) await rm(inside(outDir, previous), { recursive: true, force: true });
  after("cleaned");
  return final;
}
