// npm run bench: wall time and peak memory of extractions (each in a fresh process), with reference tools run
// side by side when installed (pdftotext -layout for PDF reading), written to bench/results.md.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { benchLoad, formatLoadBench } from "./load.ts";

const inputs = [
  "sources/tianfeng-2024-03-09-llm-text.txt",
  "../shared/fixtures/real/debang-2022-gaoce.mineru-ocr.md",
  "../shared/fixtures/seed/tianfeng-2024-03-09-llm.pdf",
  "../shared/fixtures/real/debang-2022-gaoce-company.pdf",
  "../shared/fixtures/real/huatai-2020-bert-sentiment.pdf",
  "../shared/fixtures/real/tianfeng-2018-index-enhance.pdf",
].filter((f) => existsSync(f));
const RUNS = 3;

function measure(file: string): { ms: number; maxRssMB: number; pages: number | null } | { error: string } {
  const results = [];
  for (let i = 0; i < RUNS; i++) {
    const r = spawnSync(process.execPath, ["--import", "tsx", "bench/one.ts", file], { encoding: "utf8" });
    if (r.status !== 0) return { error: (r.stderr || "").split("\n").filter((l) => /Error\b.*:/.test(l)).pop()?.trim() ?? `exit ${r.status}` };
    results.push(JSON.parse(r.stdout.trim().split("\n").pop()!));
  }
  results.sort((a, b) => a.ms - b.ms);
  return results[Math.floor(RUNS / 2)];
}

function pdftotext(file: string): number | null {
  if (!file.endsWith(".pdf") || spawnSync("pdftotext", ["-v"]).error) return null;
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    execFileSync("pdftotext", ["-layout", file, "/dev/null"]);
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
}

const rows = ["| input | pages | wall ms (median of 3) | pages/s | peak RSS MB | pdftotext -layout ms | ratio |", "|---|---|---|---|---|---|---|"];
for (const file of inputs) {
  const m = measure(file);
  if ("error" in m) {
    rows.push(`| ${file} | | failed: ${m.error} | | | | |`);
    continue;
  }
  const ref = pdftotext(file);
  const pps = m.pages ? (m.pages / (m.ms / 1000)).toFixed(1) : "";
  rows.push(`| ${file} | ${m.pages ?? ""} | ${m.ms.toFixed(0)} | ${pps} | ${m.maxRssMB.toFixed(0)} | ${ref?.toFixed(0) ?? "n/a"} | ${ref ? `${(m.ms / ref).toFixed(1)}×` : ""} |`);
}
const load = formatLoadBench(await benchLoad()).map((l) => `- ${l}`);
const machine = `${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
const text = `# Benchmark\n\nMachine: ${machine}. Each figure is the median of ${RUNS} runs, each in a fresh process (wall time includes module loading inside the process but not Node start-up).\n\n${rows.join("\n")}\n\n## Loading into databases (npm run load)\n\n${load.join("\n")}\n`;
writeFileSync("bench/results.md", text);
console.log(text);
