// The vector charts of a PDF's pages as Chart records, the same output as raster charts: linked to the caption
// above (else below) them, data points with their source (a printed label, or geometry: exact against the axis),
// or a picture with a `chart/not-understood` info problem saying why. Pure.
import type { Box, Chart, OutlineText, PdfPage } from "../../schemas/index.ts";
import { found, type Found, type Staged } from "../problems.ts";
import type { CaptionAt } from "./charts.ts";
import { figureIdOf, splitUnit } from "./charts.ts";
import { readVectorCharts } from "./charts-vector.ts";
import { readPies } from "./charts-vector-pie.ts";
import { readHorizontalBarCharts } from "./charts-vector-hbars.ts";
import type { VectorChart } from "./charts-vector.ts";

const r1 = (v: number) => Math.round(v * 10) / 10;

export function vectorCharts(
  pages: PdfPage[],
  captionFor: (at: { page: number; box: Box }) => CaptionAt | null,
  outlines: OutlineText[] = [],
): Staged<{ chart: Chart; caption: CaptionAt | null }[]> {
  const out: { chart: Chart; caption: CaptionAt | null }[] = [];
  const problems: Found[] = [];
  for (const page of withOutlines(pages, outlines)) {
    // a category OCR read from outlines is as sure as its reading
    const read = new Map(outlines.filter((o) => o.page === page.page).map((o) => [o.run.text, o.confidence]));
    withAcross([...readVectorCharts(page), ...readPies(page)], readHorizontalBarCharts(page)).forEach((v, k) => {
      const box: Box = { page: page.page, x0: r1(v.box.x0), y0: r1(v.box.y0), x1: r1(v.box.x1), y1: r1(v.box.y1) };
      const caption = captionFor({ page: page.page, box });
      const figureId = caption ? figureIdOf(caption.label) : `vec-p${page.page}-${k + 1}`;
      const { series: captionSeries, unit: captionUnit } = caption
        ? splitUnit(caption.title)
        : { series: null, unit: null };
      const unit = v.unit ?? captionUnit;
      const single = v.points.every((p) => p.series === null);
      const series = single ? captionSeries || null : null;
      const chart: Chart = {
        figure_id: figureId,
        label: caption?.label ?? null,
        page: page.page,
        kind: v.kind,
        title: caption?.title ?? null,
        series,
        unit,
        text: v.text,
        confidence: 1,
        box,
        points: v.points.map((p) => ({
          series: p.series ?? series,
          category: p.category,
          value: p.value,
          unit,
          raw: p.raw,
          // a value not printed is measured against the axis: estimated, as trustworthy as the calibration
          confidence: Math.min(p.source === "label" ? 1 : v.calibration, read.get(p.category) ?? 1),
          estimated: p.source !== "label",
          check: null,
          source: p.source,
        })),
      };
      if (v.why)
        problems.push(
          found("chart/not-understood", "info", `${figureId}: a vector chart is kept as a picture: ${v.why}`, {
            page: page.page,
            where: figureId,
          }),
        );
      for (const n of v.notes)
        problems.push(
          found("chart/label-disagrees", "warning", `${figureId} ${n}`, { page: page.page, where: figureId }),
        );
      out.push({ chart, caption });
    });
  }
  return { value: out, problems };
}

/** The horizontal bar charts added to the page's other vector charts: one where no other chart is read, or in the
 * place of a picture it reads the data of; never a second reading of a chart whose data was read. */
export function withAcross(found: VectorChart[], across: VectorChart[]): VectorChart[] {
  const out = [...found];
  for (const h of across) {
    const at = out.findIndex((f) => overlap(f.box, h.box) > 0.5);
    if (at < 0) out.push(h);
    else if (out[at]!.kind === "picture" && h.kind !== "picture") out[at] = h;
  }
  return out;
}

/** The share of the smaller box that the two boxes have in common. */
function overlap(a: VectorChart["box"], b: VectorChart["box"]): number {
  const w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
  const h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
  if (w <= 0 || h <= 0) return 0;
  const area = (r: VectorChart["box"]) => Math.max(1e-6, (r.x1 - r.x0) * (r.y1 - r.y0));
  return (w * h) / Math.min(area(a), area(b));
}

/** The pages with the outlined labels OCR read (ocr/outline.ts) among their runs, for the chart readers only: the
 * labels are set at their angle, so the category row reads them as labels printed at that angle. */
function withOutlines(pages: PdfPage[], outlines: OutlineText[]): PdfPage[] {
  if (!outlines.length) return pages;
  return pages.map((p) => {
    const extra = outlines.filter((o) => o.page === p.page).map((o) => o.run);
    return extra.length ? { ...p, runs: [...p.runs, ...extra] } : p;
  });
}
