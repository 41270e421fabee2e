// A long scanned report for the memory and speed benchmark (issue 17's "33-page scanned report"): every page of a
// text-layer PDF made a synthetic scan (bench/scans.ts: 200 dpi gray, turned, noisy, JPEG), one image per page,
// written under the system's temporary folder (never into the project). Alone: npx tsx bench/long-scan.ts [PDF].
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { readPdfPages } from "../pipeline/input/pdf.ts";
import { imagePdf, type ScannedPage, scanPages } from "./scans.ts";

export const LONG_SCAN_SOURCE = "../shared/fixtures/seed/tianfeng-2024-03-09-llm.pdf";

/** The scan of `source` (made once, then reused): its path. */
export async function longScan(source = LONG_SCAN_SOURCE): Promise<string> {
  const out = join(tmpdir(), `yanbao-bench-${basename(source, ".pdf")}.long-scan.pdf`);
  if (existsSync(out)) return out;
  const bytes = new Uint8Array(readFileSync(source));
  const { pages } = await readPdfPages(bytes);
  const scanned: ScannedPage[] = [];
  // A few pages at a time: the rendered sheets are released before the next ones, only the JPEGs are kept.
  for (let first = 1; first <= pages.length; first += 4) {
    const numbers = pages.map((p) => p.page).filter((n) => n >= first && n < first + 4);
    scanned.push(...(await scanPages(bytes, numbers, basename(source), first)));
  }
  writeFileSync(out, imagePdf(scanned));
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await longScan(process.argv[2]));
