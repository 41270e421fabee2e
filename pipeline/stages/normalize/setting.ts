// Vocabulary-driven helpers for cells and header labels: evaluation settings, notes,
// footnote marks, missing markers and recognition-slip repairs. All vocabulary lives in
// pipeline/vocab/settings.json and vocab/<language>/numbers.json; this module only compiles it.
import vocab from "../../vocab/settings.json" with { type: "json" };
import { numbers } from "../../vocab/numbers.ts";

interface Rule {
  pattern: string;
  flags: string;
  replacement: string;
}

export const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
export const collapse = (s: string): string => s.replace(/\s+/g, " ").trim();

const compileRules = (rules: Rule[]) =>
  rules.map((r) => ({ re: new RegExp(r.pattern, `g${r.flags}`), replacement: r.replacement }));

const SHOT_FORMS = compileRules(vocab.shotForms);
const REPAIRS = compileRules(vocab.repairs);
const CELL_SETTING = vocab.cellSettingPatterns.map((p) => new RegExp(p, "i"));
const LABEL_SETTING = vocab.labelSettingPatterns.map((p) => new RegExp(p, "i"));
const LABEL_TOKEN = new RegExp(vocab.labelSettingToken, "i");
// settings.json's markers and each language's (n.a., nm, 不适用: vocab/<language>/numbers.json).
const MISSING = new Set([...vocab.missing, ...numbers.missing].map((m) => m.toLowerCase()));

/** Character class body (without brackets) of the footnote marks, for building regexes. */
export const FOOTNOTE_CLASS = escapeRe(vocab.footnoteMarks);
const FOOTNOTE_RUN = new RegExp(`[${FOOTNOTE_CLASS}]+`, "g");
// The lookbehind keeps this linear on long runs of marks that do not end the text.
const TRAILING_MARKS = new RegExp(`(?<![${FOOTNOTE_CLASS}])[${FOOTNOTE_CLASS}]+$`);

export const LATEX: Record<string, string> = vocab.markup.latex;
export const ENTITIES: Record<string, string> = vocab.markup.entities;

/** Expand $1..$9 by hand so the repair log shows exactly what replaced what. */
const expand = (template: string, groups: unknown[]): string =>
  template.replace(/\$(\d)/g, (_, d: string) => {
    const g = groups[Number(d) - 1];
    return typeof g === "string" ? g : "";
  });

export function applyRepairs(text: string): { text: string; repairs: string[] } {
  const repairs: string[] = [];
  let out = text;
  for (const { re, replacement } of REPAIRS) {
    out = out.replace(re, (match: string, ...rest: unknown[]) => {
      // rest = [...groups, offset, whole]; keep only the capture groups.
      const fixed = expand(replacement, rest.slice(0, -2));
      if (fixed !== match) repairs.push(`${match} → ${fixed}`);
      return fixed;
    });
  }
  return { text: out, repairs };
}

export function normalizeShots(text: string): string {
  return SHOT_FORMS.reduce((s, { re, replacement }) => s.replace(re, replacement), text);
}

export const isCellSetting = (text: string): boolean => CELL_SETTING.some((re) => re.test(text));

/** Missing marker, possibly followed by footnote marks ("—*"). Returns the marks, or null if not missing. */
export function missingMarks(text: string): { marks: string } | null {
  const marks = TRAILING_MARKS.exec(text)?.[0] ?? "";
  const bare = text.slice(0, text.length - marks.length).trim();
  return MISSING.has(bare.toLowerCase()) ? { marks } : null;
}

/**
 * Split the text after a cell's number into parenthesised notes (balanced, nesting kept),
 * footnote-mark runs outside notes, and the remaining text (whitespace collapsed).
 */
export function splitRemarks(text: string): { text: string; notes: string[]; marks: string[] } {
  const notes: string[] = [];
  let out = "";
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "(") {
      if (depth++ === 0) start = i;
    } else if (c === ")" && depth > 0) {
      if (--depth === 0) {
        notes.push(collapse(text.slice(start, i + 1)));
        out += " ";
      }
    } else if (depth === 0) {
      out += c;
    }
  }
  // An unclosed "(" keeps its text as a note rather than leaking it into the setting.
  if (depth > 0) notes.push(collapse(text.slice(start)));
  const marks = out.match(FOOTNOTE_RUN) ?? [];
  return { text: collapse(out.replace(FOOTNOTE_RUN, " ")), notes, marks };
}

/** Setting named in an already-cleaned header label; see settingInLabel in cell.ts. */
export function labelSetting(label: string): string | null {
  for (const m of label.matchAll(/\(([^()]*)\)/g)) {
    const inner = collapse(normalizeShots(m[1] ?? ""));
    if (LABEL_SETTING.some((re) => re.test(inner))) return inner;
  }
  return LABEL_TOKEN.exec(normalizeShots(label))?.[0] ?? null;
}
