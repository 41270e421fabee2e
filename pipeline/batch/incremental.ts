// Incremental runs: a report whose existing manifest.json records the same input (sha256, size, name, format),
// the same tool version and the same output-changing options, and whose listed outputs are all present, is not
// extracted again. Hashing the input is the only real work, so an unchanged batch re-runs in a fraction of the time.
import { readFile, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { sha256 } from "../hash.ts";
import { detectFormat, type LoadOptions } from "../source.ts";
import { TOOL } from "../stages/emit.ts";

interface Manifest {
  tool?: { name?: string; version?: string };
  input?: { file?: string; sha256?: string; bytes?: number; format?: string };
  options?: unknown;
  outputs?: { path: string; bytes: number }[];
}

/** The options that change what is extracted, as the manifest would record them. None do yet: the password and the
 * limits only decide whether a file is read. When OCR lands, its settings (languages, engine version) go here. */
export function outputOptions(_options: LoadOptions): Record<string, unknown> {
  return {};
}

/** True when `outDir/name/` holds a complete extraction of exactly this input with this tool and options.
 * Throws (ENOENT) when the input itself is gone. */
export async function upToDate(path: string, outDir: string, name: string, options: LoadOptions): Promise<boolean> {
  const folder = join(outDir, name);
  const manifest = await readFile(join(folder, "manifest.json"), "utf8").then((t) => JSON.parse(t) as Manifest, () => null);
  const input = manifest?.input;
  if (!manifest || !input || manifest.tool?.name !== TOOL.name || manifest.tool.version !== TOOL.version) return false;
  if (input.file !== basename(path) || JSON.stringify(manifest.options ?? {}) !== JSON.stringify(outputOptions(options))) return false;
  const info = await stat(path);
  if (info.size !== input.bytes) return false;
  for (const out of manifest.outputs ?? []) {
    const size = await stat(join(folder, out.path)).then((s) => s.size, () => -1);
    if (size !== out.bytes) return false;
  }
  const bytes = await readFile(path);
  return sha256(bytes) === input.sha256 && detectFormat(basename(path), bytes) === input.format;
}
