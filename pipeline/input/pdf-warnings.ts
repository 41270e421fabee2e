// pdf.js reports what it had to skip or repair while parsing (a damaged content stream, a missing font) only as
// console warnings. They are caught here while a document is read, attributed to the page being read, and
// classed: damage that can lose text or drawing becomes a problem of severity error (the report is `partial`),
// quirks that change nothing extracted (font hinting programs, annotation border widths, seen in sound real
// reports) are dropped, and anything not recognised is kept as a warning with pdf.js's own words.

export interface PdfDamage {
  /** `pdf/damaged-content`, `pdf/damaged-font`, `pdf/damaged-structure`, `pdf/page-unreadable` or `pdf/parser-warning`. */
  code: string;
  severity: "error" | "warning";
  /** 1-based page being read when pdf.js warned; null while the document itself was being opened. */
  page: number | null;
  /** What pdf.js said, in its words (the first of the kind on that page), and how often. */
  sample: string;
  count: number;
}

// Pattern → class. Order matters: the first that matches decides.
const CLASSES: [RegExp, PdfDamage["code"] | null][] = [
  // Quirks of sound files, and the rebuilt cross-reference table that input/pdf-repaired already reports.
  [
    /^TT: (undefined function|invalid function id|stack underflow)|^AnnotationBorderStyle|^Cannot load system font|^Indexing all PDF objects/,
    null,
  ],
  [/^indexObjects|XRef|trailer|^Invalid root reference|^Bad \(uncompressed\) XRef/i, "pdf/damaged-structure"],
  [/font|glyph|cmap|^TT:|^Type1|^CFF/i, "pdf/damaged-font"],
  [
    /^Skipping command|^Unknown command|^Badly formatted number|stream|^getOperatorList|^Invalid|^Error during|^FormatError|^Unterminated|inline image|^Unsupported|DecodeStream|^Bad|not supported|^getHexString|ignoring invalid/i,
    "pdf/damaged-content",
  ],
];

const WHAT: Record<string, string> = {
  "pdf/damaged-content":
    "the page's content is damaged: pdf.js skipped what it could not parse, so text or drawing may be missing or wrong",
  "pdf/damaged-font": "a font is damaged or missing: its text may be missing or decoded wrongly",
  "pdf/damaged-structure":
    "the file's structure is damaged (objects or cross-references): pdf.js rebuilt what it could",
  "pdf/page-unreadable": "the page could not be read at all and is left out (the other pages are extracted)",
  "pdf/parser-warning": "pdf.js warned while reading",
};

export function classify(message: string): PdfDamage["code"] | null {
  for (const [pattern, code] of CLASSES) if (pattern.test(message)) return code;
  return "pdf/parser-warning";
}

/** The sentence of a problem record for one damage entry. */
export function damageMessage(d: PdfDamage): string {
  const times = d.count > 1 ? ` (${d.count} times)` : "";
  return `${WHAT[d.code] ?? WHAT["pdf/parser-warning"]}; pdf.js said "${d.sample}"${times}; compare with the original, or get a fresh copy`;
}

type Sink = { page: number | null; seen: Map<string, PdfDamage> };
const active: Sink[] = [];
let installed = false;

/** pdf.js prints "Warning: …" through console.log or console.warn (its verbosity is global, not per document):
 * those lines go to the collector of the document being read, or nowhere; other console output is untouched. */
function install(): void {
  if (installed) return;
  installed = true;
  for (const method of ["log", "warn"] as const) {
    const original = console[method].bind(console);
    console[method] = (...args: unknown[]) => {
      const first = args[0];
      if (typeof first !== "string" || !first.startsWith("Warning: ")) return original(...args);
      const sink = active[active.length - 1];
      if (sink) note(sink, first.slice("Warning: ".length));
    };
  }
}

function note(sink: Sink, message: string): void {
  const code = classify(message);
  if (!code) return;
  const key = `${code} ${sink.page}`;
  const entry = sink.seen.get(key);
  if (entry) entry.count++;
  else
    sink.seen.set(key, {
      code,
      severity: code === "pdf/parser-warning" ? "warning" : "error",
      page: sink.page,
      sample: message.slice(0, 160),
      count: 1,
    });
}

/** What a reader tells the collector: the page it is on, and a page it could not read at all. */
export interface DamageLog {
  reading(page: number | null): void;
  unreadable(page: number, message: string): void;
}

/** Collect pdf.js's warnings while `read` runs. When documents are read at once in one thread, a warning goes to
 * the one opened last (pdf.js does not say which it came from). */
export async function collectPdfWarnings<T>(
  read: (log: DamageLog) => Promise<T>,
): Promise<{ value: T; damage: PdfDamage[] }> {
  install();
  const sink: Sink = { page: null, seen: new Map() };
  active.push(sink);
  try {
    const value = await read({
      reading: (page) => {
        sink.page = page;
      },
      unreadable: (page, message) => {
        sink.seen.set(`pdf/page-unreadable ${page}`, {
          code: "pdf/page-unreadable",
          severity: "error",
          page,
          sample: message.slice(0, 160),
          count: 1,
        });
      },
    });
    return { value, damage: [...sink.seen.values()] };
  } finally {
    active.splice(active.indexOf(sink), 1);
  }
}
