// `extract` and `schemas` commands: argument parsing and printing only; the work is done by the library API
// (pipeline/batch/ for many reports at once). The batch runner and the schemas are imported when the command
// runs, not with its definition (`yanbao extract --help` loads neither).
import { writeFile, mkdir } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import type { BatchEvent, BatchSummary } from "../batch/run.ts";
import { beforeCrashExit, EXIT_CRASH, exitCodeSoFar } from "./crash.ts";
import { defineCommand, helpText, parseCommand } from "./define.ts";
import { SUMMARIES } from "./summaries.ts";
import type { LogMode } from "../batch/reporters.ts";
import { DEFAULT_LIMITS } from "../input/read.ts";

export const extractDefinition = defineCommand({
  name: "extract",
  summary: SUMMARIES.extract,
  details:
    "With no FILE or DIR: every report in sources/ into out/, always re-extracted (the committed golden output).",
  positionals: [
    {
      name: "FILE|DIR",
      optional: true,
      repeated: true,
      description: "a report file (.pdf, .txt, .text, .md, .markdown) or a folder of them",
    },
  ],
  options: {
    out: { type: "string", default: "out", value: "DIR", description: "output folder" },
    concurrency: {
      type: "string",
      value: "N",
      shownDefault: `${availableParallelism()}, the CPU cores`,
      description: "reports extracted at once, one thread each",
    },
    timeout: {
      type: "string",
      value: "S",
      shownDefault: 300,
      description: "time limit of one report of up to 10 pages, in seconds (once more for every 10 pages more)",
    },
    force: {
      type: "boolean",
      default: false,
      description: "extract even reports whose output is up to date (same input, options and tool version)",
    },
    log: {
      type: "string",
      default: "auto",
      choices: ["auto", "plain", "json"],
      description:
        "progress shown as bars on a terminal, else one line per report (auto); one line per report (plain); JSON lines (json)",
    },
    "no-ocr": { type: "boolean", default: false, description: "no OCR of scanned pages and images" },
    "ocr-workers": {
      type: "string",
      value: "N",
      shownDefault: "the CPU cores",
      description: "OCR engines, one pool shared by the whole batch",
    },
    "ocr-timeout": {
      type: "string",
      value: "S",
      shownDefault: 60,
      description:
        "time limit of one image's recognition, in seconds: an image over it gets an ocr/timeout problem and the report goes on",
    },
    password: { type: "string", value: "PW", description: "password of encrypted PDFs" },
    "max-pages": {
      type: "string",
      value: "N",
      shownDefault: DEFAULT_LIMITS.maxPages,
      description: "refuse PDFs with more pages",
    },
    "max-bytes": {
      type: "string",
      value: "N",
      shownDefault: `${DEFAULT_LIMITS.maxBytes / 2 ** 20}M`,
      description: "refuse larger files; K, M, G suffixes",
    },
    "max-image-pixels": {
      type: "string",
      value: "N",
      shownDefault: `${DEFAULT_LIMITS.maxImagePixels / 1e6}M`,
      description: "refuse PDFs holding a larger image; K, M suffixes",
    },
    "max-memory": { type: "string", value: "MB", shownDefault: 1024, description: "heap limit of one report's thread" },
  },
  exitCodes: [
    [0, "every report extracted or up to date"],
    [1, "some failed (each is named with what to do)"],
    [2, "bad usage"],
    [EXIT_CRASH, "the tool crashed (a bug: the reports finished before it are listed and complete)"],
    [130, "interrupted"],
  ],
});

export const schemasDefinition = defineCommand({
  name: "schemas",
  summary: SUMMARIES.schemas,
  positionals: [],
  options: {},
});

export async function schemasCommand(args: string[] = []): Promise<number> {
  if (args.length > 0) {
    // Any argument prints the help (on stdout, bad ones too); only --help exits 0.
    let help = false;
    try {
      help = parseCommand(schemasDefinition, args).values.help === true;
    } catch {
      // a bad argument: the help, and exit 2
    }
    console.log(helpText(schemasDefinition));
    return help ? 0 : 2;
  }
  const { jsonSchemas } = await import("../../schemas/json.ts");
  await mkdir("schemas/json", { recursive: true });
  for (const [name, schema] of jsonSchemas())
    await writeFile(join("schemas/json", name), `${JSON.stringify(schema, null, 2)}\n`);
  return 0;
}

class UsageError extends Error {}

/** A positive number, with an optional K/M/G suffix (binary for bytes, decimal otherwise). */
function count(flag: string, text: string | undefined, binary = false): number | undefined {
  if (text === undefined) return undefined;
  const m = /^(\d+(?:\.\d+)?)([kmg]?)$/i.exec(text.trim());
  const unit = { "": 1, k: binary ? 2 ** 10 : 1e3, m: binary ? 2 ** 20 : 1e6, g: binary ? 2 ** 30 : 1e9 }[
    (m?.[2] ?? "").toLowerCase()
  ];
  const n = m && unit ? Number(m[1]) * unit : NaN;
  if (!(n > 0)) throw new UsageError(`${flag} needs a positive number, not "${text}"`);
  return n;
}

type ExtractValues = ReturnType<typeof parseExtract>["values"];
const parseExtract = (rest: string[]) => parseCommand(extractDefinition, rest);

/** The arguments, or the exit code when they are wrong or help was asked for (printed here). */
function readArguments(
  rest: string[],
): { values: ExtractValues; positionals: string[]; numbers: ReturnType<typeof numbersOf> } | number {
  try {
    const { values, positionals } = parseExtract(rest);
    if (values.help) {
      console.log(helpText(extractDefinition));
      return 0;
    }
    return { values, positionals, numbers: numbersOf(values) };
  } catch (e) {
    console.error(`${(e as Error).message}\n${helpText(extractDefinition)}`);
    return 2;
  }
}

function numbersOf(values: ExtractValues) {
  return {
    concurrency: count("--concurrency", values.concurrency),
    timeout: count("--timeout", values.timeout),
    ocrWorkers: count("--ocr-workers", values["ocr-workers"]),
    ocrTimeout: count("--ocr-timeout", values["ocr-timeout"]),
    maxPages: count("--max-pages", values["max-pages"]),
    maxBytes: count("--max-bytes", values["max-bytes"], true),
    maxImagePixels: count("--max-image-pixels", values["max-image-pixels"]),
    memoryMb: count("--max-memory", values["max-memory"]),
  };
}

/** The summary of the reports finished so far, kept up to date from the events: printed should the tool crash. */
function tallied(): { sofar: BatchSummary; tally: (e: BatchEvent) => void } {
  const sofar: BatchSummary = { done: 0, partial: 0, skipped: 0, failed: 0, interrupted: 0, ms: 0, failures: [] };
  const tally = (e: BatchEvent) => {
    if (e.event === "done") sofar.done++;
    else if (e.event === "skipped") sofar.skipped++;
    else if (e.event === "failed") sofar.failed++, sofar.failures.push(e);
    if ((e.event === "done" || e.event === "skipped") && e.status === "partial") sofar.partial++;
  };
  return { sofar, tally };
}

export async function extractCommand(rest: string[]): Promise<number> {
  const args = readArguments(rest);
  if (typeof args === "number") return args;
  const { values, positionals, numbers } = args;
  // Without arguments the committed extraction of sources/ is regenerated: always, since the tool version does
  // not change with every edit of the extractor.
  const defaults = positionals.length === 0;
  const [{ OutputDirError, runBatch }, { reporterFor, usage }] = await Promise.all([
    import("../batch/run.ts"),
    import("../batch/reporters.ts"),
  ]);
  const reporter = reporterFor(values.log as LogMode);
  const stop = new AbortController();
  const interrupt = () => stop.abort();
  process.once("SIGINT", interrupt).once("SIGTERM", interrupt);
  const { sofar, tally } = tallied();
  const started = performance.now();
  const forget = beforeCrashExit(() =>
    reporter.finish({ ...sofar, ms: Math.round(performance.now() - started) }, usage()),
  );
  exitCodeSoFar(() => (sofar.failed > 0 ? 1 : 0));
  try {
    const seconds = (n: number | undefined) => (n === undefined ? undefined : n * 1000);
    const summary = await runBatch(
      defaults ? ["sources"] : positionals,
      {
        outDir: values.out,
        concurrency: numbers.concurrency,
        timeoutMs: seconds(numbers.timeout),
        force: values.force || defaults,
        ocr: !values["no-ocr"],
        ocrPoolSize: numbers.ocrWorkers,
        ocrTimeoutMs: seconds(numbers.ocrTimeout),
        memoryMb: numbers.memoryMb,
        read: {
          password: values.password,
          maxPages: numbers.maxPages,
          maxBytes: numbers.maxBytes,
          maxImagePixels: numbers.maxImagePixels,
        },
        signal: stop.signal,
      },
      (e) => {
        tally(e);
        reporter.onEvent(e);
      },
    );
    if (summary.done + summary.skipped + summary.failed + summary.interrupted === 0) {
      console.error(
        defaults
          ? "no input: give report files or folders, or put reports in sources/"
          : "no input: the folders given hold no report files (.pdf, .txt, .text, .md, .markdown)",
      );
      return 2;
    }
    reporter.finish(summary, usage());
    return summary.interrupted > 0 ? 130 : summary.failed > 0 ? 1 : 0;
  } catch (e) {
    if (!(e instanceof OutputDirError)) throw e;
    console.error(`error: --out ${e.message} [${e.code}]; give a folder that can be written (it is made if missing)`);
    return 2;
  } finally {
    forget();
    process.off("SIGINT", interrupt).off("SIGTERM", interrupt);
  }
}
