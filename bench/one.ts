// One measured extraction in a fresh process: prints {ms, maxRssMB, pages, cells} as JSON. `--no-ocr` turns OCR
// off; `--write DIR` also writes the report's folder into DIR, as a batch does.
import { extract, extractToDir } from "../pipeline/index.ts";

const file = process.argv[2]!;
const at = process.argv.indexOf("--write");
const options = process.argv.includes("--no-ocr") ? { ocr: false as const } : {};
const start = performance.now();
const { report } = at > 0 ? await extractToDir(file, process.argv[at + 1]!, options) : await extract(file, options);
const ms = performance.now() - start;
const cells = report.tables.reduce((n, t) => n + t.cells.length, 0);
console.log(JSON.stringify({ ms, maxRssMB: process.resourceUsage().maxRSS / 1024, pages: report.source.pages, cells }));
