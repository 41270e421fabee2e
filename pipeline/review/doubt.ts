// How much to trust each table, cell and chart of a report: the problems filed against them (by the `where` of a
// problem: "fig-4" a table or figure, "fig-4 r3c2" a cell, "fig-54 2021Q2" a chart point) and the OCR confidence
// of recognised cells. Pure; used by the review page and the workbook's first sheet.
import type { Cell, Problem, Report, Table } from "../../schemas/index.ts";
import { LOW_CONFIDENCE } from "../stages/charts.ts";

export type Severity = Problem["severity"];
/** Doubt, worst first: an error, a warning (a guess, or a cell read with low confidence), a repair, nothing. */
export type Level = Severity | "ok";
const RANK: Record<Level, number> = { error: 0, warning: 1, info: 2, ok: 3 };
export const worst = (levels: Level[]): Level => levels.reduce<Level>((w, l) => (RANK[l] < RANK[w] ? l : w), "ok");
export const byDoubt = (a: Level, b: Level) => RANK[a] - RANK[b];

export interface TableDoubt {
  level: Level;
  /** problems about the table as a whole (its structure, its caption) */
  problems: Problem[];
  /** problems about single cells, by "row,col" */
  cells: Map<string, Problem[]>;
  /** lowest OCR confidence of its cells, null when none was recognised */
  confidence: number | null;
  lowConfidence: number;
}

export interface Doubts {
  tables: Map<string, TableDoubt>;
  /** problems about a chart or picture, by figure id */
  charts: Map<string, Problem[]>;
  counts: Record<Severity, number>;
}

const CELL = /^r(\d+)c(\d+)$/;

/** The id a problem's `where` names first ("fig-4 r3c2" → fig-4), and the rest. */
export function whereOf(p: Pick<Problem, "where">): { id: string; rest: string } | null {
  if (!p.where) return null;
  const [id = "", ...rest] = p.where.split(" ");
  return { id, rest: rest.join(" ") };
}

export const cellKey = (c: Pick<Cell, "row" | "col">) => `${c.row},${c.col}`;

export function cellLevel(c: Cell, problems: Problem[] = []): Level {
  const low =
    c.confidence !== undefined &&
    c.confidence < LOW_CONFIDENCE &&
    !problems.some((p) => p.code === "ocr/low-confidence");
  return worst([...problems.map((p) => p.severity), ...(low ? ["warning" as const] : [])]);
}

export function doubts(report: Report): Doubts {
  const tables = new Map<string, TableDoubt>();
  for (const t of report.tables)
    tables.set(t.id, { level: "ok", problems: [], cells: new Map(), confidence: null, lowConfidence: 0 });
  const charts = new Map<string, Problem[]>();
  for (const c of report.charts ?? []) charts.set(c.figure_id, []);
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const p of report.problems) {
    counts[p.severity]++;
    const w = whereOf(p);
    if (!w) continue;
    const t = tables.get(w.id);
    const m = CELL.exec(w.rest);
    if (t && m) {
      const key = `${Number(m[1])},${Number(m[2])}`;
      t.cells.set(key, [...(t.cells.get(key) ?? []), p]);
    } else if (t) t.problems.push(p);
    else charts.get(w.id)?.push(p);
  }
  for (const t of report.tables) {
    const d = tables.get(t.id)!;
    const confidences = t.cells.flatMap((c) => (c.confidence === undefined ? [] : [c.confidence]));
    d.confidence = confidences.length ? Math.min(...confidences) : null;
    d.lowConfidence = confidences.filter((c) => c < LOW_CONFIDENCE).length;
    d.level = worst([
      ...d.problems.map((p) => p.severity),
      ...t.cells.map((c) => cellLevel(c, d.cells.get(cellKey(c)))),
    ]);
  }
  return { tables, charts, counts };
}

/** Tables with the most doubtful first (errors, warnings, repairs, sound), then in document order. */
export function tablesByDoubt(report: Report, d: Doubts): Table[] {
  const order = new Map(report.tables.map((t, i) => [t.id, i]));
  return [...report.tables].sort(
    (a, b) => byDoubt(d.tables.get(a.id)!.level, d.tables.get(b.id)!.level) || order.get(a.id)! - order.get(b.id)!,
  );
}

export const LEVEL_TEXT: Record<Level, string> = {
  error: "error",
  warning: "warning",
  info: "repaired",
  ok: "no problem",
};
