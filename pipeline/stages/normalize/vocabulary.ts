/**
 * Vocabulary of AI models and benchmarks/metrics (data in pipeline/vocab/*.json)
 * and a small, pure, deterministic matcher over it. Lookup tables are built
 * once at module load; a malformed or self-colliding vocabulary throws then.
 */
import { z } from "zod";
import modelsData from "../../vocab/models.json" with { type: "json" };
import benchmarksData from "../../vocab/benchmarks.json" with { type: "json" };

/** matched = the substring of the input that matched (or the whole input when unknown). */
export interface NameMatch {
  name: string;
  known: boolean;
  matched: string;
}
export type BenchmarkKind = "benchmark" | "metric";
export type BenchmarkMatch = NameMatch & { kind: BenchmarkKind };

const ModelEntry = z.strictObject({
  name: z.string().min(1),
  aliases: z.array(z.string().min(1)),
});
const BenchmarkEntry = z.strictObject({
  name: z.string().min(1),
  aliases: z.array(z.string().min(1)),
  kind: z.enum(["benchmark", "metric"]),
  /** Match every alias with exact case (aliases of <= 3 letters/digits always are). */
  caseSensitive: z.boolean().optional(),
});
type BenchmarkEntry = z.infer<typeof BenchmarkEntry>;

/**
 * Length-preserving character folding (one code unit in, one out), so match
 * indices in the folded text are valid in the original: full-width ASCII ->
 * ASCII, dash variants -> "-", exotic spaces -> " ".
 */
function foldChars(s: string): string {
  return s
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\u2010-\u2015\u2212\uFE58\uFE63]/g, "-")
    .replace(/[\u00A0\u2000-\u200A\u202F\u205F\u3000]/g, " ");
}

/**
 * Lookup key for model names: case folded, spaces/hyphens/underscores removed,
 * "×" read as "x". Dots, digits and letters are kept, so "GPT-4" ≠ "GPT-4V" and
 * "Claude 2" ≠ "Claude 2.1", while "LLAMA-2" = "LLaMA 2" = "llama2".
 */
function modelKey(s: string): string {
  return foldChars(s)
    .toLowerCase()
    .replace(/×/g, "x")
    .replace(/[\s\-_]+/g, "");
}

/** A trailing reference mark "[37]", parenthesised qualifier "(5 shot)", or footnote marks "*", "†", "¹". */
const TRAILING_QUALIFIER = /\s*(?:\[[^[\]]{0,20}\]|\([^()]*\)|[*†‡§¹²³\u2070\u2074-\u2079]+)\s*$/;

/** The label without trailing qualifiers, as a substring of the input (trimmed). */
function coreLabel(label: string): string {
  const folded = foldChars(label);
  let end = folded.length;
  for (;;) {
    const m = TRAILING_QUALIFIER.exec(folded.slice(0, end));
    if (!m || m[0].length === 0) break;
    end = m.index;
  }
  const core = label.slice(0, end).trim();
  return core.length > 0 ? core : label.trim();
}

function buildModelIndex(): Map<string, string> {
  const entries = z.array(ModelEntry).parse(modelsData);
  const byKey = new Map<string, string>();
  for (const entry of entries) {
    for (const alias of [entry.name, ...entry.aliases]) {
      const key = modelKey(alias);
      const other = byKey.get(key);
      if (other !== undefined && other !== entry.name) {
        throw new Error(`models.json: "${alias}" (${entry.name}) collides with ${other}`);
      }
      byKey.set(key, entry.name);
    }
  }
  return byKey;
}

interface CompiledAlias {
  entry: BenchmarkEntry;
  re: RegExp;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Whole-token pattern for an alias: separator runs inside the alias match any
 * run (possibly empty) of spaces/hyphens/underscores, and the alias may not be
 * preceded or followed by an ASCII letter/digit ("MATH" ∉ "Mathematical").
 * CJK text directly around the alias is allowed ("在MMLU上").
 */
function compileAlias(entry: BenchmarkEntry, alias: string): CompiledAlias {
  const folded = foldChars(alias).trim();
  const parts = folded
    .split(/[\s\-_]+/)
    .filter((p) => p.length > 0)
    .map(escapeRegExp);
  const body = parts.join("[\\s\\-_]*");
  const alnum = folded.replace(/[^A-Za-z0-9]/g, "").length;
  const caseSensitive = entry.caseSensitive === true || (alnum > 0 && alnum <= 3);
  return {
    entry,
    re: new RegExp(`(?<![A-Za-z0-9])${body}(?![A-Za-z0-9])`, caseSensitive ? "" : "i"),
  };
}

function buildBenchmarkIndex(): CompiledAlias[] {
  const entries = z.array(BenchmarkEntry).parse(benchmarksData);
  const owner = new Map<string, string>();
  const compiled: CompiledAlias[] = [];
  for (const entry of entries) {
    for (const alias of [entry.name, ...entry.aliases]) {
      const c = compileAlias(entry, alias);
      const key = `${c.re.flags}:${modelKey(alias)}`;
      const other = owner.get(key);
      if (other !== undefined && other !== entry.name) {
        throw new Error(`benchmarks.json: "${alias}" (${entry.name}) collides with ${other}`);
      }
      owner.set(key, entry.name);
      compiled.push(c);
    }
  }
  return compiled;
}

const MODEL_BY_KEY = buildModelIndex();
const BENCHMARK_ALIASES = buildBenchmarkIndex();

/**
 * Canonical model name for a printed label ("LLAMA-2" -> "LLaMA 2",
 * "Baichuan3" -> "Baichuan 3"). Trailing parenthesised qualifiers such as
 * "(5 shot)" / "(Med-prompt)", reference marks like "[37]" and footnote marks
 * ("*", "†") are ignored for matching. Unknown names are returned trimmed as
 * printed, with those qualifiers removed, and known=false. Dated API snapshots
 * ("GPT-3.5-Turbo-0613") are their own canonical names, never folded into the
 * undated model.
 */
export function canonicalModel(label: string): NameMatch {
  const core = coreLabel(label);
  const name = MODEL_BY_KEY.get(modelKey(core));
  if (name !== undefined) return { name, known: true, matched: core };
  return { name: core, known: false, matched: label };
}

/** True when the label names a known model (used to decide table orientation). */
export function isKnownModel(label: string): boolean {
  return canonicalModel(label).known;
}

/**
 * The benchmark or metric named in a possibly long label ("Undergraduate level
 * knowledge MMLU" -> MMLU, "FVD (↓)" -> FVD metric). Whole-token matching,
 * case-insensitive except for short aliases (<= 3 letters/digits) and entries
 * marked caseSensitive ("MATH", "DROP", "ReCoRD"). The earliest match in the
 * label wins, then the longest, then vocabulary order. Null when none is found.
 */
export function findBenchmark(label: string): BenchmarkMatch | null {
  const text = foldChars(label);
  let best: { index: number; length: number; entry: BenchmarkEntry } | undefined;
  for (const { entry, re } of BENCHMARK_ALIASES) {
    const m = re.exec(text);
    if (!m) continue;
    const length = m[0].length;
    if (!best || m.index < best.index || (m.index === best.index && length > best.length)) {
      best = { index: m.index, length, entry };
    }
  }
  if (!best) return null;
  return {
    name: best.entry.name,
    kind: best.entry.kind,
    known: true,
    matched: label.slice(best.index, best.index + best.length),
  };
}
