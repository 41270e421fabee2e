// What a batch reads: the files given, and the report files (PDF, text, markdown) found by walking the folders given.
import { open, readdir, stat } from "node:fs/promises";
import { extname, join, resolve } from "node:path";
import { DEFAULT_LIMITS, sizeProblem, SUPPORTED_EXTENSIONS, wrongType } from "../input/read.ts";
import { outputName, OutputNameError } from "../output/write.ts";
import type { BatchError } from "./errors.ts";

export interface BatchInput {
  /** Path as given or found. */
  path: string;
  /** Output folder name: the file name without its extension. */
  name: string;
  /** Size when listed, in bytes. */
  bytes: number;
}

export interface Collected {
  inputs: BatchInput[];
  /** Paths that cannot be part of the batch (missing, not a file, output name taken). */
  refused: { file: string; error: BatchError }[];
  /** Files found in the folders whose extension is not a report format. */
  ignored: string[];
}

const notAFile: BatchError = {
  code: "input/not-a-file",
  message: "not a file or folder (a device or a pipe)",
  action: "give report files or folders",
  page: null,
};

/** Files are taken whatever their extension (the content decides the format); folders are walked recursively for
 * `.pdf`, `.txt`, `.text`, `.md`, `.markdown`, skipping hidden entries and symbolic links to folders; a pipe, a device
 * or a broken link named like a report is refused (reading a pipe could wait forever). */
export async function collectInputs(paths: string[], limits: { maxBytes?: number } = {}): Promise<Collected> {
  const found: Found[] = [];
  const refused: Collected["refused"] = [];
  const ignored: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (!info)
      refused.push({
        file: path,
        error: { code: "input/missing", message: "no such file or folder", action: "check the path", page: null },
      });
    else if (info.isDirectory()) await walk(path, { found, refused, ignored });
    else if (info.isFile()) found.push({ path, bytes: info.size });
    else refused.push({ file: path, error: notAFile });
  }
  return { ...(await named(found, limits.maxBytes ?? DEFAULT_LIMITS.maxBytes, refused)), ignored };
}

type Found = Omit<BatchInput, "name">;

/** The report files of a folder and its subfolders, in name order. */
async function walk(
  dir: string,
  into: { found: Found[]; refused: Collected["refused"]; ignored: string[] },
): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((e: NodeJS.ErrnoException) => {
    into.refused.push({
      file: dir,
      error: {
        code: "input/unreadable",
        message: `cannot read the folder (${e.code ?? e.message})`,
        action: "check its permissions",
        page: null,
      },
    });
    return [];
  });
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await walk(path, into);
    else if (!SUPPORTED_EXTENSIONS.includes(extname(entry.name).toLowerCase())) into.ignored.push(path);
    else if (entry.isFile() || entry.isSymbolicLink()) {
      const info = await stat(path).catch(() => null);
      if (info?.isFile()) into.found.push({ path, bytes: info.size });
      else if (!info)
        into.refused.push({
          file: path,
          error: {
            code: "input/missing",
            message: "a symbolic link to a file that does not exist",
            action: "fix or remove the link",
            page: null,
          },
        });
      else if (!info.isDirectory()) into.refused.push({ file: path, error: notAFile });
    } else into.refused.push({ file: path, error: notAFile }); // a pipe or a device named like a report: reading it could block forever
  }
}

/** Each file once, checked, with its output name; a file whose name another one already took is refused. */
async function named(
  found: Found[],
  maxBytes: number,
  refused: Collected["refused"],
): Promise<Omit<Collected, "ignored">> {
  const seen = new Set<string>();
  const owner = new Map<string, string>();
  const inputs: BatchInput[] = [];
  for (const input of found) {
    const full = resolve(input.path);
    if (seen.has(full)) continue;
    seen.add(full);
    // What is wrong with the input itself is reported before any clash of output names it would cause.
    const unusable = await precheck(input.path, input.bytes, maxBytes);
    if (unusable) {
      refused.push({ file: input.path, error: unusable });
      continue;
    }
    let name: string;
    try {
      name = outputName(input.path);
    } catch (e) {
      if (!(e instanceof OutputNameError)) throw e;
      refused.push({
        file: input.path,
        error: { code: e.code, message: e.message, action: "rename the file", page: null },
      });
      continue;
    }
    const first = owner.get(name);
    if (first === undefined) {
      owner.set(name, input.path);
      inputs.push({ ...input, name });
      continue;
    }
    const message = `its output folder "${name}" is already the output of ${first}`;
    refused.push({
      file: input.path,
      error: {
        code: "output/name-clash",
        page: null,
        message,
        action: "rename one of the two files, or extract them into different --out folders",
      },
    });
  }
  return { inputs, refused };
}

/** The reader's checks that need no more than an input's size and first bytes. */
async function precheck(path: string, bytes: number, maxBytes: number): Promise<BatchError | null> {
  const head = Buffer.alloc(16);
  const file = bytes > 0 ? await open(path, "r").catch(() => null) : null;
  if (file) {
    try {
      await file.read(head, 0, 16, 0);
    } finally {
      await file.close();
    }
  }
  // An unreadable or vanished file is left to the extraction, which names its own error.
  const problem = sizeProblem(bytes, maxBytes) ?? (file ? wrongType(path, head) : null);
  return problem ? { code: problem.code, message: problem.what, action: problem.action, page: null } : null;
}
