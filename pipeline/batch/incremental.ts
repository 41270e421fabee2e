// Incremental runs: a report whose existing manifest.json records the same input (sha256, size, name, format),
// the same tool version and the same output-changing options, and whose listed outputs are all present, is not
// extracted again. Hashing the input is the only real work, so an unchanged batch re-runs in a fraction of the time.
// The manifest's schema and the tool's version are imported only when there is a manifest to check: a first run
// does without them (and without zod) in the main thread.
import { readFile, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { sha256 } from "../hash.ts";
import { detectFormat } from "../input/read.ts";

/** JSON with sorted keys, so that two equal option sets compare equal whatever their key order. */
const canonical = (v: unknown): string =>
  v && typeof v === "object" && !Array.isArray(v)
    ? `{${Object.entries(v)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`)
        .join(",")}}`
    : Array.isArray(v)
      ? `[${v.map(canonical).join(",")}]`
      : JSON.stringify(v);

/** True when `outDir/name/` holds a complete extraction of exactly this input with this tool and options.
 * Throws (ENOENT) when the input itself is gone. */
export async function upToDate(
  path: string,
  outDir: string,
  name: string,
  options: { ocr: boolean },
): Promise<boolean> {
  const folder = join(outDir, name);
  // A manifest that is missing, not JSON or not a manifest (schemas/manifest.ts): extract again.
  const text = await readFile(join(folder, "manifest.json"), "utf8").catch(() => null);
  if (text === null) return false;
  const [{ Manifest }, { outputOptions, TOOL }] = await Promise.all([
    import("../../schemas/index.ts"),
    import("../stages/emit.ts"),
  ]);
  let manifest: ReturnType<typeof Manifest.parse> | null = null;
  try {
    manifest = Manifest.safeParse(JSON.parse(text)).data ?? null;
  } catch {
    // not JSON: extract again
  }
  if (!manifest || manifest.tool.name !== TOOL.name || manifest.tool.version !== TOOL.version) return false;
  const input = manifest.input;
  if (input.file !== basename(path)) return false;
  if (canonical(manifest.options) !== canonical(outputOptions(options))) return false;
  const info = await stat(path);
  if (info.size !== input.bytes) return false;
  for (const out of manifest.outputs) {
    const size = await stat(join(folder, out.path)).then(
      (s) => s.size,
      () => -1,
    );
    if (size !== out.bytes) return false;
  }
  const bytes = await readFile(path);
  return sha256(bytes) === input.sha256 && detectFormat(basename(path), bytes) === input.format;
}
