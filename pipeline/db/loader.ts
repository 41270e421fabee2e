// Load extraction folders (out/<name>/report.json + manifest.json) into a database: validated with the zod
// `Report` schema first, then one transaction per report. Guarantees:
// - idempotent: an edition already loaded (same report, same input sha256, same report.json) is skipped without
//   writing anything;
// - every edition kept: a different input of the same report (a revised PDF) becomes edition N+1 next to the others;
// - atomic: a report loads completely or not at all; the error names the report and the record refused;
// - safe under concurrent loaders: see Db.transaction (SQLite write lock, PostgreSQL advisory lock per report).
import { readdir, readFile, stat } from "node:fs/promises";
import { recoverOutDir } from "../output/recover.ts";
import { basename, extname, join } from "node:path";
import { Manifest, Report } from "../../schemas/index.ts";
import { sha256 } from "../hash.ts";
import { type Db, RowInsertError, type Tx, connect, errorText } from "./db.ts";
import { migrate } from "./migrations.ts";
import { CHILD_TABLES, editionRecords } from "./rows.ts";

/** One extraction folder (out/<name>/), read from disk and validated. Not pipeline/extract.ts's `Extraction`, the
 * report and its files in memory before they are written. */
export interface ExtractionFolder {
  /** The folder as given (used in messages). */
  dir: string;
  report: Report;
  /** sha256 of report.json's bytes: tells a re-extraction of the same input apart from the one loaded. */
  reportSha256: string;
  manifest: Manifest | null;
}

export interface ReportIdentity {
  /** Natural key of the report: `broker|date|title` from meta, or `file:<stem>` when any of the three is missing. */
  key: string;
  broker: string | null;
  title: string | null;
  date: string | null;
  /** Source file name without extension (= the extraction folder's name). */
  name: string;
}

/** `copy`: the same input bytes were loaded before under another file name (a copy or a renamed file). */
export type LoadStatus = "loaded" | "replaced" | "skipped" | "stale" | "copy";

export interface LoadResult {
  dir: string;
  status: LoadStatus;
  identity: ReportIdentity;
  reportId: number;
  editionId: number;
  edition: number;
  /** Rows written per table (all zero when skipped). */
  counts: Record<string, number>;
  /** Rows written in all tables, the report and edition rows included. */
  rows: number;
  ms: number;
  /** When skipped: the input file name the edition was loaded from. */
  loadedAs?: string;
}

/** A report that could not be read or loaded; nothing of it was written. */
export class LoadError extends Error {
  override name = "LoadError";
  constructor(
    readonly report: string,
    readonly record: string | null,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${report}: ${record ? `${record}: ` : ""}${reason}`, options);
  }
}

export function reportIdentity(report: Report): ReportIdentity {
  const name = basename(report.source.file, extname(report.source.file));
  const { broker, title, date } = report.meta;
  const key = broker && title && date ? `${broker}|${date}|${title}` : `file:${name}`;
  return { key, broker, title, date, name };
}

/** Read and validate `dir/report.json` (and `dir/manifest.json` when present). Throws LoadError. */
export async function readExtraction(dir: string): Promise<ExtractionFolder> {
  let bytes: Buffer;
  try {
    bytes = await readFile(join(dir, "report.json"));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new LoadError(
      dir,
      null,
      code === "ENOENT"
        ? "no report.json: not an extraction folder (run npm run extract first)"
        : `cannot read report.json: ${errorText(e)}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString("utf8"));
  } catch (e) {
    throw new LoadError(dir, "report.json", `not valid JSON: ${errorText(e)}`);
  }
  const parsed = Report.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues;
    const first = issues[0]!;
    throw new LoadError(
      dir,
      recordAt(json, first.path),
      `invalid: ${first.message}${andMore(issues)}; nothing loaded — fix the extraction (npm run extract) and load again`,
    );
  }
  let manifest: Manifest | null = null;
  try {
    const read = Manifest.safeParse(JSON.parse(await readFile(join(dir, "manifest.json"), "utf8")));
    if (!read.success) {
      const first = read.error.issues[0]!;
      throw new Error(
        `not a manifest: ${first.path.map(String).join(".") || "(top)"}: ${first.message}${andMore(read.error.issues)}`,
      );
    }
    manifest = read.data;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT")
      throw new LoadError(dir, "manifest.json", `unreadable: ${errorText(e)}`);
  }
  return { dir, report: parsed.data, reportSha256: sha256(bytes), manifest };
}

/** After the first of a validation's issues: how many more there are. */
const andMore = (issues: readonly unknown[]) =>
  issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? "s" : ""})` : "";

/** `tables[3].cells[17].raw (cell fig-4 r3c2)` for a zod issue path. */
function recordAt(json: unknown, path: readonly PropertyKey[]): string {
  const text =
    path.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i ? "." : ""}${String(p)}`)).join("") || "report.json";
  const at = (v: unknown, k: PropertyKey) =>
    v !== null && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  if (path[0] === "tables" && typeof path[1] === "number") {
    const table = at(at(json, "tables"), path[1]);
    const id = at(table, "id");
    if (path[2] === "cells" && typeof path[3] === "number") {
      const cell = at(at(table, "cells"), path[3]);
      return `${text} (cell ${String(id)} r${String(at(cell, "row"))}c${String(at(cell, "col"))})`;
    }
    return `${text} (table ${String(id)})`;
  }
  return text;
}

/** Open a database by URL and bring its schema up to date. */
export async function openDatabase(url: string, options: { busyTimeoutMs?: number } = {}): Promise<Db> {
  const db = await connect(url, options);
  try {
    await migrate(db);
  } catch (e) {
    await db.close();
    throw e;
  }
  return db;
}

/** Load one extraction in one transaction. `replace`: reload an edition whose report.json changed (same input). */
export async function loadExtraction(
  db: Db,
  ex: ExtractionFolder,
  options: { replace?: boolean } = {},
): Promise<LoadResult> {
  const identity = reportIdentity(ex.report);
  const started = performance.now();
  const who = `${ex.dir} (${describeIdentity(identity)})`;
  let stage = "report";
  try {
    const result = await db.transaction(identity.key, async (tx) => {
      // Under the report's lock nobody else can insert it meanwhile; ON CONFLICT is only the backstop.
      const findReport = () => tx.all<{ id: number }>("SELECT id FROM reports WHERE report_key = ?", [identity.key]);
      let [report] = await findReport();
      const newReport = !report;
      if (!report) {
        await tx.run(
          "INSERT INTO reports (report_key, broker, title, date, name) VALUES (?, ?, ?, ?, ?) ON CONFLICT (report_key) DO NOTHING",
          [identity.key, identity.broker, identity.title, identity.date, identity.name],
        );
        [report] = await findReport();
        if (!report) throw new Error("the report row vanished after its insert");
      }
      const reportId = Number(report.id);
      stage = "edition";
      const [existing] = await tx.all<{ id: number; edition: number; extraction_sha256: string; source_file: string }>(
        "SELECT id, edition, extraction_sha256, source_file FROM editions WHERE report_id = ? AND source_sha256 = ?",
        [reportId, ex.report.source.sha256],
      );
      const base = { identity, reportId, counts: {} as Record<string, number>, rows: 0 };
      if (existing && (existing.extraction_sha256 === ex.reportSha256 || !options.replace)) {
        const status =
          existing.extraction_sha256 === ex.reportSha256
            ? "skipped"
            : existing.source_file !== ex.report.source.file
              ? "copy"
              : "stale";
        return {
          ...base,
          status,
          loadedAs: existing.source_file,
          editionId: Number(existing.id),
          edition: Number(existing.edition),
        } as const;
      }
      let editionId: number;
      let edition: number;
      const fields = editionFields(ex);
      if (existing) {
        editionId = Number(existing.id);
        edition = Number(existing.edition);
        for (const spec of [...CHILD_TABLES].reverse())
          await tx.run(`DELETE FROM "${spec.name}" WHERE edition_id = ?`, [editionId]);
        await tx.run(
          `UPDATE editions SET ${Object.keys(fields)
            .map((k) => `"${k}" = ?`)
            .join(", ")} WHERE id = ?`,
          [...Object.values(fields), editionId],
        );
      } else {
        const [next] = await tx.all<{ n: number }>(
          "SELECT COALESCE(MAX(edition), 0) + 1 AS n FROM editions WHERE report_id = ?",
          [reportId],
        );
        edition = Number(next?.n ?? 1);
        const columns = { report_id: reportId, edition, source_sha256: ex.report.source.sha256, ...fields };
        const [row] = await tx.all<{ id: number }>(
          `INSERT INTO editions (${Object.keys(columns)
            .map((k) => `"${k}"`)
            .join(", ")}) VALUES (${Object.keys(columns)
            .map(() => "?")
            .join(", ")}) RETURNING id`,
          Object.values(columns),
        );
        editionId = Number(row?.id);
      }
      const counts = await insertChildren(tx, ex, editionId, (s) => (stage = s));
      const rows = Object.values(counts).reduce((a, b) => a + b, 0) + 1 + (newReport ? 1 : 0);
      return { ...base, status: existing ? "replaced" : "loaded", editionId, edition, counts, rows } as const;
    });
    return { dir: ex.dir, ...result, ms: performance.now() - started };
  } catch (e) {
    if (e instanceof LoadError) throw e;
    throw new LoadError(
      who,
      stage,
      `${errorText(e instanceof RowInsertError ? e.cause : e)}; rolled back, nothing of this report was written`,
      { cause: e },
    );
  }
}

function editionFields(ex: ExtractionFolder): Record<string, string | number | null> {
  const { source, meta } = ex.report;
  return {
    source_file: source.file,
    source_format: source.format,
    source_encoding: source.encoding,
    source_pages: source.pages,
    extraction_sha256: ex.reportSha256,
    schema_version: ex.report.schema_version,
    tool_name: ex.manifest?.tool.name ?? null,
    tool_version: ex.manifest?.tool.version ?? null,
    status: ex.manifest?.status ?? null,
    title: meta.title,
    broker: meta.broker,
    industry: meta.industry,
    date: meta.date,
    rating: meta.rating,
    rating_action: meta.rating_action,
    previous_rating: meta.previous_rating,
    analysts: JSON.stringify(meta.analysts),
    related_reports: JSON.stringify(meta.related_reports),
    language: meta.language,
    rating_normalised: meta.rating_normalised,
    previous_rating_printed: meta.previous_rating_printed,
    target_price: meta.target_price?.value ?? null,
    target_currency: meta.target_price?.currency ?? null,
    target_text: meta.target_price?.text ?? null,
    previous_target_price: meta.target_price?.previous_value ?? null,
    previous_target_text: meta.target_price?.previous_text ?? null,
    current_price: meta.current_price?.value ?? null,
    current_currency: meta.current_price?.currency ?? null,
    current_price_text: meta.current_price?.text ?? null,
    current_price_date: meta.current_price?.date ?? null,
    market_cap: meta.market_cap?.value ?? null,
    market_cap_currency: meta.market_cap?.currency ?? null,
    market_cap_unit: meta.market_cap?.unit ?? null,
    market_cap_text: meta.market_cap?.text ?? null,
    evidence: JSON.stringify(meta.evidence),
    loaded_at: new Date().toISOString(),
  };
}

async function insertChildren(
  tx: Tx,
  ex: ExtractionFolder,
  editionId: number,
  at: (record: string) => void,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const set of editionRecords(ex.report, editionId)) {
    const width = set.spec.columns.length;
    const bad = set.rows.findIndex((r) => r.length !== width);
    if (bad >= 0)
      throw new Error(
        `internal: ${set.describe(bad)} has ${set.rows[bad]!.length} values for ${width} columns of ${set.spec.name}`,
      );
    at(set.spec.name);
    try {
      await tx.insertRows(set.spec, set.rows);
    } catch (e) {
      if (e instanceof RowInsertError && e.index !== null) at(set.describe(e.index));
      throw e;
    }
    counts[set.spec.name] = set.rows.length;
  }
  return counts;
}

export function describeIdentity(id: ReportIdentity): string {
  return id.key.startsWith("file:") ? `report ${id.name}` : `${id.broker} ${id.date} ${id.title}`;
}

/**
 * Extraction folders under the given paths: a path holding report.json is one; otherwise its entries holding
 * report.json are (e.g. `out`, whose entries are links to version folders). Hidden entries (version folders, a
 * writer's `.name.tmp-*`) are not reports; a visible entry without a readable report.json (a link whose version
 * is gone) is returned, so that loading it names the problem instead of skipping it.
 * A path that is neither is returned as is, so that loading it reports the problem.
 */
export async function findExtractionDirs(paths: readonly string[]): Promise<string[]> {
  const dirs: string[] = [];
  for (const path of paths) {
    if (await isFile(join(path, "report.json"))) {
      dirs.push(path);
      continue;
    }
    const entries = await readdir(path, { withFileTypes: true }).catch(() => []);
    const found: string[] = [];
    for (const e of entries) {
      if (e.name.startsWith(".") || e.isFile()) continue;
      const dir = join(path, e.name);
      if (e.isDirectory() ? await isFile(join(dir, "report.json")) : e.isSymbolicLink()) found.push(dir);
    }
    dirs.push(...(found.length ? found.sort() : [path]));
  }
  return dirs;
}

/** Put right what an interrupted extraction left in the given output folders (a report moved aside and never
 * replaced is restored), before they are read: returns what was done, to be said to the user. */
export async function repairOutDirs(paths: readonly string[]): Promise<string[]> {
  const done: string[] = [];
  for (const path of paths) if (!(await isFile(join(path, "report.json")))) done.push(...(await recoverOutDir(path)));
  return done;
}

const isFile = (p: string) =>
  stat(p).then(
    (s) => s.isFile(),
    () => false,
  );
