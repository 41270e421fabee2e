// Text helpers of the diff: comparable forms of printed text, entity names, and set similarities.

/** Text as compared for "same content": compatibility forms (full-width → ASCII) and no whitespace. */
export const squash = (s: string): string => s.normalize("NFKC").replace(/\s+/g, "");

/** Text as compared for matching tables: squashed and case-folded. */
export const fold = (s: string): string => squash(s).toLowerCase();

export const joinPath = (path: readonly string[]): string => path.map((p) => p.trim()).join(" / ");

/** Names for a list of entities, telling repeated ones apart by occurrence: X, X #2, X #3. */
export function disambiguate(names: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((n) => {
    const k = (seen.get(n) ?? 0) + 1;
    seen.set(n, k);
    return k === 1 ? n : `${n} #${k}`;
  });
}

/** Jaccard similarity of two multisets; null when both are empty (no evidence either way). */
export function jaccard(a: readonly string[], b: readonly string[]): number | null {
  if (a.length === 0 && b.length === 0) return null;
  const counts = new Map<string, number>();
  for (const x of a) counts.set(x, (counts.get(x) ?? 0) + 1);
  let inter = 0;
  for (const y of b) {
    const n = counts.get(y) ?? 0;
    if (n > 0) {
      inter++;
      counts.set(y, n - 1);
    }
  }
  return inter / (a.length + b.length - inter);
}

/** Dice similarity of the character bigrams of two titles (single characters for one-character titles). */
export function titleSimilarity(a: string, b: string): number | null {
  const grams = (s: string) => {
    const t = [...fold(s)];
    return t.length < 2 ? t : t.slice(1).map((c, i) => `${t[i]}${c}`);
  };
  const ga = grams(a);
  const gb = grams(b);
  const j = jaccard(ga, gb);
  return j === null ? null : (2 * j) / (1 + j);
}

/** Two numbers equal within a tolerance (nulls equal only to nulls). */
export function sameNumber(a: number | null, b: number | null, epsilon: number): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= epsilon + 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}
