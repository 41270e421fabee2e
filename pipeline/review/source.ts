// The input edge of the review page: an extraction folder's report.json and manifest.json (validated), and the
// source PDF the crops are rendered from, found by the manifest's input sha256 among the paths the user gave
// (--source: files or folders) or as sources/<input file> near the folder. Not finding it is no error: the page
// is built without crops and the note says why.
import { readdir, readFile, stat } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import type { z } from "zod";
import { Manifest, Report } from "../../schemas/index.ts";
import { sha256 } from "../hash.ts";

export class ReviewInputError extends Error {}

export interface Extraction {
  dir: string;
  report: Report;
  manifest: Manifest;
}

export interface SourcePdf {
  /** the PDF's bytes and where they were found; null when no file with the input's sha256 was found */
  pdf: { path: string; bytes: Uint8Array } | null;
  /** why there are no crops (null when there are, or when the input is text and has no pages to crop) */
  note: string | null;
}

export async function readExtraction(dir: string): Promise<Extraction> {
  const report = await readJson(dir, "report.json", Report);
  const manifest = await readJson(dir, "manifest.json", Manifest);
  if (manifest.input.sha256 !== report.source.sha256) {
    throw new ReviewInputError(
      `${dir}: manifest.json and report.json name different inputs (sha256 ${manifest.input.sha256.slice(0, 12)}… and ${report.source.sha256.slice(0, 12)}…); extract the report again`,
    );
  }
  return { dir, report, manifest };
}

async function readJson<T>(dir: string, name: string, schema: z.ZodType<T>): Promise<T> {
  const file = join(dir, name);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ReviewInputError(
      code === "ENOENT"
        ? `${dir}: no ${name}; give an extraction folder (out/NAME) written by yanbao extract`
        : `${file}: cannot read (${code ?? (e as Error).message})`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ReviewInputError(`${file}: not JSON (${(e as Error).message}); extract the report again`);
  }
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new ReviewInputError(
    `${file}: not a ${name} of this version (${issue?.path.join(".") || "top"}: ${issue?.message}); extract the report again`,
  );
}

/** The source PDF of an extraction: the first of the candidates whose bytes have the input's sha256. Candidates:
 * each --source path (a file, or the input's name inside a folder), then sources/<name> beside the output folder
 * (out/NAME → sources/NAME.pdf, the project's layout) and inside it. */
export async function findSource(x: Extraction, given: string[] = []): Promise<SourcePdf> {
  if (x.manifest.input.format !== "pdf") return { pdf: null, note: null };
  const name = x.manifest.input.file;
  const outParent = dirname(resolve(x.dir));
  const candidates: string[] = [];
  for (const g of given) candidates.push(...(await expand(g, name)));
  for (const base of [dirname(outParent), outParent]) candidates.push(join(base, "sources", name));
  const tried: string[] = [];
  for (const path of [...new Set(candidates.map((c) => resolve(c)))]) {
    const bytes = await readFile(path).catch(() => null);
    if (!bytes) continue;
    if (sha256(bytes) === x.manifest.input.sha256) return { pdf: { path, bytes: new Uint8Array(bytes) }, note: null };
    tried.push(path);
  }
  const differ = tried.length
    ? ` (${tried.join(", ")} ${tried.length === 1 ? "has" : "have"} other bytes: another edition?)`
    : "";
  return {
    pdf: null,
    note: `the source PDF ${name} (sha256 ${x.manifest.input.sha256.slice(0, 12)}…) was not found${differ}, so the page shows no crops of the printed pages; give it with --source FILE`,
  };
}

/** A --source path: a file as it is; a folder: the input's name in it, then every PDF in it (a renamed copy). */
async function expand(path: string, name: string): Promise<string[]> {
  const info = await stat(path).catch(() => null);
  if (!info?.isDirectory()) return [path];
  const pdfs = (await readdir(path)).filter((f) => f.toLowerCase().endsWith(".pdf")).sort();
  return [join(path, name), ...pdfs.map((f) => join(path, f))];
}
