// One measured extraction in a fresh process: prints {ms, maxRssMB, pages} as JSON. `--no-ocr` turns OCR off.
import { extract } from "../pipeline/index.ts";

const file = process.argv[2]!;
const start = performance.now();
const { report } = await extract(file, process.argv.includes("--no-ocr") ? { ocr: false } : {});
const ms = performance.now() - start;
console.log(JSON.stringify({ ms, maxRssMB: process.resourceUsage().maxRSS / 1024, pages: report.source.pages }));
