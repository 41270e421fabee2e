// Table matching across editions by what the tables contain, never by their label: a removed figure that
// renumbers the rest must give one removed table and relabelled ones, not a cascade of removals and additions.
//
// Similarity of two tables = weighted mean of
//   title    Dice similarity of the titles' character bigrams            (weight 0.2)
//   rows     Jaccard similarity of the row entities                       (0.25)
//   cols     Jaccard similarity of the column entities                    (0.25)
//   values   Jaccard similarity of the multisets of cell texts            (0.3)
// (all texts compared full-width folded, without whitespace, case-insensitive; a component both tables lack
// is left out and the weights renormalised). Pairs are then taken globally greedily, best score first, each
// table at most once, down to a threshold; ties go to the pair whose positions in their editions are closest.
import type { TableView } from "./entities.ts";
import { fold, jaccard, titleSimilarity } from "./text.ts";

export const MATCH_THRESHOLD = 0.5;
const WEIGHTS = { title: 0.2, rows: 0.25, cols: 0.25, values: 0.3 } as const;

export interface TableFeatures {
  title: string;
  rows: string[];
  cols: string[];
  values: string[];
}

export function tableFeatures(view: TableView): TableFeatures {
  return {
    title: view.table.title,
    rows: view.rows.map(fold),
    cols: view.cols.map(fold),
    values: view.table.cells.map((c) => fold(c.raw)),
  };
}

export interface Similarity {
  score: number;
  title: number | null;
  rows: number | null;
  cols: number | null;
  values: number | null;
}

export function tableSimilarity(a: TableFeatures, b: TableFeatures): Similarity {
  const parts = {
    title: titleSimilarity(a.title, b.title),
    rows: jaccard(a.rows, b.rows),
    cols: jaccard(a.cols, b.cols),
    values: jaccard(a.values, b.values),
  };
  let sum = 0;
  let weight = 0;
  for (const k of Object.keys(WEIGHTS) as (keyof typeof WEIGHTS)[]) {
    const v = parts[k];
    if (v === null) continue;
    sum += WEIGHTS[k] * v;
    weight += WEIGHTS[k];
  }
  return { score: weight === 0 ? 0 : sum / weight, ...parts };
}

export interface TableMatch {
  old: number;
  new: number;
  similarity: Similarity;
}

export interface Matching {
  pairs: TableMatch[];
  /** indexes of old tables with no partner */
  removed: number[];
  /** indexes of new tables with no partner */
  added: number[];
}

/** Match the tables of two editions (indexes into the given lists). */
export function matchTables(
  oldTables: readonly TableFeatures[],
  newTables: readonly TableFeatures[],
  threshold = MATCH_THRESHOLD,
): Matching {
  const rel = (i: number, n: number) => (n <= 1 ? 0 : i / (n - 1));
  const candidates: { o: number; n: number; sim: Similarity; distance: number }[] = [];
  oldTables.forEach((a, o) => {
    newTables.forEach((b, n) => {
      const sim = tableSimilarity(a, b);
      if (sim.score >= threshold)
        candidates.push({ o, n, sim, distance: Math.abs(rel(o, oldTables.length) - rel(n, newTables.length)) });
    });
  });
  candidates.sort((x, y) => y.sim.score - x.sim.score || x.distance - y.distance || x.o - y.o || x.n - y.n);
  const usedOld = new Set<number>();
  const usedNew = new Set<number>();
  const pairs: TableMatch[] = [];
  for (const c of candidates) {
    if (usedOld.has(c.o) || usedNew.has(c.n)) continue;
    usedOld.add(c.o);
    usedNew.add(c.n);
    pairs.push({ old: c.o, new: c.n, similarity: c.sim });
  }
  pairs.sort((x, y) => x.new - y.new);
  return {
    pairs,
    removed: oldTables.map((_, i) => i).filter((i) => !usedOld.has(i)),
    added: newTables.map((_, i) => i).filter((i) => !usedNew.has(i)),
  };
}
