// Charts on the review page: each bar chart beside its image with the extracted series drawn over the image's own
// axes (chart-axes.ts), and its points; then every picture that gave no data, with the reason. Pure.
import type { Chart, Manifest, Problem, Report } from "../../schemas/index.ts";
import type { Overlay } from "./chart-axes.ts";
import { type Doubts, worst } from "./doubt.ts";
import { anchorOf, badge, type CropInfo, cropFigure, esc, n, problemList } from "./html-common.ts";
import { chartRegion } from "./regions.ts";

export function chartArticle(c: Chart, d: Doubts, crop: CropInfo | null, overlay: Overlay | null): string {
  const problems = d.charts.get(c.figure_id) ?? [];
  const level = worst(problems.map((p) => p.severity));
  const title = [c.label, c.title].filter(Boolean).join(" ");
  const shapes = overlay?.ok ? markers(overlay) : "";
  const image = crop
    ? cropFigure(chartRegion(c).name, crop, shapes, `${c.label ?? c.figure_id} as printed, page ${c.page}`)
    : `<p class="no-crop">No image: the source PDF was not found (see the note at the top).</p>`;
  const axes = !crop
    ? ""
    : overlay?.ok
      ? `<p class="legend"><span class="key marker"></span> extracted value on the image's axis; <span class="key off"></span> off its bar top by more than 3% of the plot.</p>`
      : `<p class="legend">The series is not drawn over the image: ${esc(overlay?.reason ?? "no overlay")}.</p>`;
  const rows = c.points.map((p) => {
    const cls = p.check === "contradicted" ? ' class="doubt-warning"' : "";
    return `<tr${cls}><th scope="row">${esc(p.category)}</th><td class="num">${esc(p.value)}</td><td>${esc(p.unit)}</td><td>${esc(p.raw ?? "—")}</td><td class="num">${esc(p.confidence)}</td><td>${p.estimated ? "estimated" : "label"}</td><td>${esc(p.check ?? "")}</td></tr>`;
  });
  return [
    `<article class="chart doubt-${level}" id="${anchorOf("c", c.figure_id)}" aria-labelledby="h-${esc(c.figure_id)}">`,
    `<h3 id="h-${esc(c.figure_id)}">${badge(level)} ${esc(title || c.figure_id)} <span class="id">${esc(c.figure_id)}</span></h3>`,
    `<p class="facts">page ${c.page} · ${c.points.length} points · series ${esc(c.series ?? "—")} · unit ${esc(c.unit ?? "—")} · mean OCR confidence ${c.confidence}</p>`,
    problemList(problems),
    `<div class="pair"><div class="printed">${image}${axes}</div>`,
    `<div class="extracted"><table class="points"><thead><tr><th scope="col">category</th><th scope="col">value</th><th scope="col">unit</th><th scope="col">label read</th><th scope="col">confidence</th><th scope="col">from</th><th scope="col">text check</th></tr></thead><tbody>${rows.join("")}</tbody></table></div></div>`,
    `</article>`,
  ].join("\n");
}

function markers(o: Extract<Overlay, { ok: true }>): string {
  const line = `<polyline class="series" points="${o.markers.map((m) => `${n(m.x)},${n(m.y)}`).join(" ")}"/>`;
  const marks = o.markers.map((m) => {
    const cls = m.off || m.check === "contradicted" ? "marker off" : "marker";
    return `<line class="${cls}" x1="${n(m.x0)}" x2="${n(m.x1)}" y1="${n(m.y)}" y2="${n(m.y)}"/><circle class="${cls}" cx="${n(m.x)}" cy="${n(m.y)}" r="2.2"><title>${esc(m.category)}: ${esc(m.value)}</title></circle>`;
  });
  return line + marks.join("");
}

/** Pictures without data: raster images that are not bar charts, and figure captions with no image read. */
export function picturesSection(
  report: Report,
  manifest: Manifest,
  d: Doubts,
  crops: Map<string, CropInfo> | null,
): string {
  const charts = report.charts ?? [];
  const items = charts
    .filter((c) => c.kind === "picture")
    .map((c) => {
      const crop = crops?.get(chartRegion(c).name);
      const thumb = crop
        ? `<img class="thumb" src="img/${esc(chartRegion(c).name)}.png" width="${crop.width}" height="${crop.height}" alt="${esc(c.label ?? c.figure_id)}, page ${c.page}" loading="lazy">`
        : "";
      const text = c.text ? `<details><summary>text read in the image</summary><p>${esc(c.text)}</p></details>` : "";
      return `<li id="${anchorOf("c", c.figure_id)}">${thumb}<div><b>${esc([c.label, c.title].filter(Boolean).join(" ") || c.figure_id)}</b> <span class="id">${esc(c.figure_id)}</span>, page ${c.page}: ${esc(pictureReason(d.charts.get(c.figure_id) ?? []))}${text}</div></li>`;
    });
  const read = new Set(charts.map((c) => c.label).filter(Boolean));
  const unread = report.figures
    .filter((f) => f.content === "image" && !read.has(f.label))
    .map((f) => {
      const why =
        report.source.format !== "pdf"
          ? "a text input has no images"
          : manifest.options?.ocr === false
            ? "OCR was off (--no-ocr), so images were not read"
            : "no raster image was found under this caption (a vector drawing, or an image too small to be a figure)";
      return `<li><div><b>${esc(f.label)} ${esc(f.caption ?? f.title)}</b>${f.page ? `, page ${f.page}` : ""}: ${esc(why)}</div></li>`;
    });
  if (items.length + unread.length === 0) return "";
  return `<section id="pictures" aria-labelledby="h-pictures"><h2 id="h-pictures">Pictures without data (${items.length + unread.length})</h2><ul class="pictures">${[...items, ...unread].join("")}</ul></section>`;
}

function pictureReason(problems: Problem[]): string {
  if (problems.length) return problems.map((p) => p.message).join("; ");
  return "no bars standing on a common baseline were found, so it is a picture, not a bar chart; its recognised text is kept";
}
