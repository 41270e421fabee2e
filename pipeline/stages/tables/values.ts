// Value tests used to tell headers and labels from data.
import { parseCell } from "../normalize/cell.ts";

/** Year and period labels (2022E, 2021Q2, 22Q1, 1M) are headers, not values. */
const PERIOD = /^(?:(?:19|20)?\d{2}(?:[AEFHQ]\d?|Q\d|H\d|年(?:度)?|E|A)?|\d{1,2}[MYDW]|\d{4}[-/.]\d{1,2})$/;

export function isValueLike(text: string): boolean {
  const t = text.trim();
  if (t === "" || PERIOD.test(t)) return false;
  return parseCell(t).value !== null;
}

const pureValue = (token: string) => {
  const p = parseCell(token);
  return p.value !== null && p.setting === null && p.note === null && p.value2_relation !== "second";
};

/** A row whose every value cell holds k ≥ 2 plain values, with a label of k words, is k rows glued together
 * ("T5+Memna DeBERTa | 91.4 90.4 | …"). Returns the parts, "ambiguous" when the label cannot be split, or null. */
export function splitGluedRow(
  label: string,
  values: string[],
): { label: string; values: string[] }[] | "ambiguous" | null {
  const filled = values.map((v) => v.trim()).filter((v) => v !== "" && !parseCell(v).missing);
  if (filled.length < 2) return null;
  const tokens = values.map((v) => v.trim().split(/\s+/).filter(Boolean));
  const k = tokens.find((t) => t.length > 0)?.length ?? 0;
  if (k < 2) return null;
  const glued = values.every((v, i) => {
    const t = tokens[i] ?? [];
    return v.trim() === "" || parseCell(v).missing || (t.length === k && t.every(pureValue));
  });
  if (!glued) return null;
  const words = label.trim().split(/\s+/).filter(Boolean);
  if (words.length !== k) return "ambiguous";
  return words.map((word, j) => ({
    label: word,
    values: tokens.map((t) => t[j] ?? (t.length === 0 ? "" : t.join(" "))),
  }));
}
