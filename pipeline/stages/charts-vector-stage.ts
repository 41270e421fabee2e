// The vector charts of a PDF's pages as Chart records, the same output as raster charts: linked to the caption
// above (else below) them, data points with their source (a printed label, or geometry: exact against the axis),
// or a picture with a `chart/not-understood` info problem saying why. Pure.
import type { Box, Chart, PdfPage } from "../../schemas/index.ts";
import { found, type Found, type Staged } from "../problems.ts";
import type { CaptionAt } from "./charts.ts";
import { figureIdOf, splitUnit } from "./charts.ts";
import { readVectorCharts } from "./charts-vector.ts";
import { readPies } from "./charts-vector-pie.ts";

const r1 = (v: number) => Math.round(v * 10) / 10;

export function vectorCharts(
  pages: PdfPage[],
  captionFor: (at: { page: number; box: Box }) => CaptionAt | null,
): Staged<{ chart: Chart; caption: CaptionAt | null }[]> {
  const out: { chart: Chart; caption: CaptionAt | null }[] = [];
  const problems: Found[] = [];
  for (const page of pages) {
    [...readVectorCharts(page), ...readPies(page)].forEach((v, k) => {
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
          confidence: p.source === "label" ? 1 : v.calibration,
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
