// The review page: a header (the report, its status, why there are no crops), the summary (counts, problems by
// severity, doubtful tables first), the navigation by page and by caption, the cover facts beside the cover page,
// the tables, the charts, the pictures without data and every problem. Pure: same input, same text.
import type { Manifest, Report } from "../../schemas/index.ts";
import type { Overlay } from "./chart-axes.ts";
import { doubts, type Doubts, tablesByDoubt } from "./doubt.ts";
import { chartArticle, picturesSection } from "./html-charts.ts";
import { anchorOf, badge, type CropInfo, cropFigure, esc, problemList } from "./html-common.ts";
import { tableArticle } from "./html-tables.ts";
import { COVER } from "./regions.ts";

export interface PageInput {
  report: Report;
  manifest: Manifest;
  /** crops by region name; null when there are none (text input, or the PDF was not found) */
  crops: Map<string, CropInfo> | null;
  /** chart overlays by figure id */
  overlays: Map<string, Overlay>;
  /** why there are no crops */
  note: string | null;
}

export function reviewHtml(input: PageInput): string {
  const { report, manifest, crops } = input;
  const d = doubts(report);
  const bars = (report.charts ?? []).filter((c) => c.kind === "bar");
  const title = report.meta.title ?? report.source.file;
  return [
    "<!doctype html>",
    `<html lang="${/[\u4e00-\u9fff]/.test(title) ? "zh" : "en"}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>Review: ${esc(title)}</title><link rel="stylesheet" href="review.css"></head>`,
    `<body><a class="skip" href="#summary">Skip to the summary</a>`,
    header(input),
    `<div class="layout">${navigation(report)}<main>`,
    summary(report, d),
    cover(report, crops),
    `<section id="tables" aria-labelledby="h-tables"><h2 id="h-tables">Tables (${report.tables.length})</h2>`,
    ...report.tables.map((t) => tableArticle(report, t, d, crops)),
    `</section>`,
    bars.length ? `<section id="charts" aria-labelledby="h-charts"><h2 id="h-charts">Charts (${bars.length})</h2>` : "",
    ...bars.map((c) =>
      chartArticle(c, d, crops?.get(`chart-${c.figure_id}`) ?? null, input.overlays.get(c.figure_id) ?? null),
    ),
    bars.length ? `</section>` : "",
    picturesSection(report, manifest, d, crops),
    `<section id="problems" aria-labelledby="h-problems"><h2 id="h-problems">Problems (${report.problems.length})</h2>${problemList(report.problems.map((p) => ({ ...p, where: [p.page ? `p. ${p.page}` : null, p.where].filter(Boolean).join(" ") })))}</section>`,
    `</main></div><script src="review.js"></script></body></html>`,
    "",
  ].join("\n");
}

function header({ report, manifest, note }: PageInput): string {
  const facts = [
    `${report.source.file}`,
    report.source.pages === null ? "text input" : `${report.source.pages} pages`,
    `status ${manifest.status}`,
    `${manifest.tool.name} ${manifest.tool.version}`,
  ];
  return [
    `<header><h1>${esc(report.meta.title ?? report.source.file)}</h1>`,
    `<p class="facts">${facts.map(esc).join(" · ")}</p>`,
    note ? `<p class="note" role="note">${esc(note)}</p>` : "",
    report.source.format !== "pdf"
      ? `<p class="note" role="note">A text input has no page images: each table is shown beside its text as printed.</p>`
      : "",
    `</header>`,
  ].join("");
}

function summary(report: Report, d: Doubts): string {
  const charts = report.charts ?? [];
  const counts: [string, string, number][] = [
    ["tables", "Tables", report.tables.length],
    ["cells", "Cells", report.tables.reduce((s, t) => s + t.cells.length, 0)],
    ["charts", "Bar charts", charts.filter((c) => c.kind === "bar").length],
    ["pictures", "Pictures", charts.filter((c) => c.kind === "picture").length],
    ["errors", "Errors", d.counts.error],
    ["warnings", "Warnings", d.counts.warning],
    ["infos", "Repairs", d.counts.info],
  ];
  const rows = tablesByDoubt(report, d).map((t) => {
    const td = d.tables.get(t.id)!;
    const problems = td.problems.length + [...td.cells.values()].reduce((s, ps) => s + ps.length, 0);
    return `<tr class="doubt-${td.level}"><td>${badge(td.level)}</td><td><a href="#${anchorOf("t", t.id)}">${esc(t.label ?? t.id)}</a> ${esc(t.title)}</td><td class="num">${esc(t.page ?? "—")}</td><td class="num">${t.cells.length}</td><td class="num">${problems}</td><td class="num">${td.confidence ?? "—"}</td></tr>`;
  });
  return [
    `<section id="summary" aria-labelledby="h-summary"><h2 id="h-summary">Summary</h2>`,
    `<dl class="counts">${counts.map(([k, label, v]) => `<div class="count-${k}"><dt>${label}</dt><dd data-count="${k}">${v}</dd></div>`).join("")}</dl>`,
    rows.length
      ? `<table class="doubts"><caption>Tables, the most doubtful first</caption><thead><tr><th scope="col">doubt</th><th scope="col">table</th><th scope="col">page</th><th scope="col">cells</th><th scope="col">problems</th><th scope="col">lowest OCR confidence</th></tr></thead><tbody>${rows.join("")}</tbody></table>`
      : "<p>No tables were extracted.</p>",
    `</section>`,
  ].join("");
}

/** Links to every table and chart by page, and by caption label. */
function navigation(report: Report): string {
  const items = [
    ...report.tables.map((t) => ({ page: t.page, label: t.label, text: t.label ?? t.id, href: anchorOf("t", t.id) })),
    ...(report.charts ?? []).map((c) => ({
      page: c.page,
      label: c.label,
      text: c.label ?? c.figure_id,
      href: anchorOf("c", c.figure_id),
    })),
  ];
  const pages = [...new Set(items.map((i) => i.page ?? 0))].sort((a, b) => a - b);
  const byPage = pages.map(
    (p) =>
      `<li><span class="page">${p ? `p. ${p}` : "no page"}</span> ${items
        .filter((i) => (i.page ?? 0) === p)
        .map((i) => `<a href="#${i.href}">${esc(i.text)}</a>`)
        .join(" ")}</li>`,
  );
  const captioned = items
    .filter((i) => i.label)
    .sort((a, b) => a.label!.localeCompare(b.label!, "en", { numeric: true }) || (a.href < b.href ? -1 : 1));
  const byCaption = captioned.map((i) => `<li><a href="#${i.href}">${esc(i.text)}</a></li>`);
  return [
    `<nav aria-label="Contents"><h2>Contents</h2><ul class="sections"><li><a href="#summary">Summary</a></li><li><a href="#cover">Cover</a></li><li><a href="#problems">Problems</a></li></ul>`,
    `<h2>By page</h2><ul class="by-page">${byPage.join("")}</ul>`,
    `<h2>By caption</h2><ul class="by-caption">${byCaption.join("")}</ul></nav>`,
  ].join("");
}

function cover(report: Report, crops: Map<string, CropInfo> | null): string {
  const m = report.meta;
  const facts: [string, string | null][] = [
    ["Title", m.title],
    ["Broker", m.broker],
    ["Industry", m.industry],
    ["Date", m.date],
    ["Rating", m.rating],
    ["Rating action", m.rating_action],
    ["Previous rating", m.previous_rating],
  ];
  const analysts = m.analysts.map(
    (a) =>
      `<li>${esc(a.name)}${a.role ? ` (${esc(a.role)})` : ""}${a.sac_id ? ` · ${esc(a.sac_id)}` : ""}${a.email ? ` · ${esc(a.email)}` : ""}</li>`,
  );
  const related = m.related_reports.map((r) => `<li>${esc(r.title)}${r.date ? ` (${esc(r.date)})` : ""}</li>`);
  const crop = crops?.get(COVER.name);
  return [
    `<section id="cover" aria-labelledby="h-cover"><h2 id="h-cover">Cover</h2>`,
    problemList(report.problems.filter((p) => p.stage === "meta")),
    `<div class="pair">`,
    crop ? `<div class="printed">${cropFigure(COVER.name, crop, "", "the cover, page 1")}</div>` : "",
    `<div class="extracted"><dl class="facts-list">${facts.map(([k, v]) => `<dt>${k}</dt><dd${v === null ? ' class="missing"' : ""}>${esc(v ?? "not found")}</dd>`).join("")}`,
    `<dt>Analysts</dt><dd>${analysts.length ? `<ul>${analysts.join("")}</ul>` : "none found"}</dd>`,
    `<dt>Related reports</dt><dd>${related.length ? `<ul>${related.join("")}</ul>` : "none found"}</dd></dl></div>`,
    `</div></section>`,
  ].join("");
}
