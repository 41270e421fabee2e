// Header rows of issue 14 on small constructed pages (PDF points, origin top-left, y down): a rule under part of
// the header, a parent header printed over the middle one of its columns, a caption's highlight box touching the
// header band.
import { describe, expect, it } from "vitest";
import type { PdfRect, PdfRun, RawCell } from "../schemas/index.ts";
import { findTables, type PdfTable } from "../pipeline/stages/tables/pdf-tables.ts";
import { hrule, paint, paintedPage, splitRule, textKit } from "./support/pdf-page.ts";

const { run, centred } = textKit(8);
const box = (x0: number, y0: number, x1: number, y1: number): PdfRect => ({ x0, y0, x1, y1, op: "fill" });
const page = paintedPage;
const texts = (t: PdfTable) => t.rows.map((r) => r.map((c) => c.text));
const spans = (row: RawCell[]) => row.map((c) => [c.text, c.col_span]);

/** Label column 50–130, then two parents over two value columns each. */
const XS = [50, 130, 190, 250, 310, 370];
function body(top: number): PdfRun[] {
  return ["Alpha", "Beta", "Gamma"].flatMap((label, i) => [
    run(label, 55, top + i * 14),
    ...["1.0", "2.0", "3.0", "4.0"].map((v, k) => centred(v, (XS[k + 1]! + XS[k + 2]!) / 2, top + i * 14)),
  ]);
}

describe("two-level headers", () => {
  it("a rule under the parents alone (beside a label spanning both header rows) does not cut the header off", () => {
    // (the label column's strip is empty beside the parents and beside the total's rule)
    const runs = [
      run("Name", 55, 91),
      centred("Return", 190, 83),
      centred("Risk", 310, 83),
      ...["3M", "6M", "3M", "6M"].map((h, k) => centred(h, (XS[k + 1]! + XS[k + 2]!) / 2, 99)),
      ...body(116),
    ];
    const rules = [
      ...splitRule([50, 130, 250, 370], 80),
      ...splitRule([130, 190, 250, 310, 370], 95),
      ...splitRule(XS, 111),
      // a rule over the last row's values alone (a total), which puts the parents' rule into the table's stack
      hrule(130, 370, 142),
      hrule(50, 370, 158),
    ];
    const [table] = findTables(page(runs, paint(rules)));
    expect(spans(table!.rows[0]!)).toEqual([
      ["Name", 1],
      ["Return", 2],
      ["Risk", 2],
    ]);
    expect(texts(table!)[1]).toEqual(["3M", "6M", "3M", "6M"]);
    expect(texts(table!).at(-1)!.slice(-4)).toEqual(["1.0", "2.0", "3.0", "4.0"]);
  });

  it("a parent printed over the middle one of its three columns, with nothing drawn, spans the three", () => {
    const xs = [50, 130, 180, 230, 280, 330, 380, 430];
    const mid = (k: number) => (xs[k]! + xs[k + 1]!) / 2;
    const runs = [
      centred("Current", mid(2), 83),
      centred("Previous", mid(5), 83),
      run("(bn)", 55, 95),
      ...["26E", "27E", "28E", "26E", "27E", "28E"].map((h, k) => centred(h, mid(k + 1), 95)),
    ];
    ["Revenue", "Profit"].forEach((label, i) =>
      runs.push(
        run(label, 55, 110 + i * 12),
        ...[1, 2, 3, 4, 5, 6].map((k) => centred(`${k}.5`, mid(k), 110 + i * 12)),
      ),
    );
    const rules = [hrule(50, 430, 80), hrule(50, 430, 106), hrule(50, 430, 134)];
    const [table] = findTables(page(runs, paint(rules)));
    expect(spans(table!.rows[0]!)).toEqual([
      ["", 1],
      ["Current", 3],
      ["Previous", 3],
    ]);
    expect(texts(table!)[1]).toEqual(["(bn)", "26E", "27E", "28E", "26E", "27E", "28E"]);
  });

  it("a caption's highlight box ending just above the header band adds no column split to it", () => {
    const xs = [50, 150, 250, 350];
    const runs = [
      run("Figure 1: Estimates", 52, 70),
      run("(bn)", 55, 84),
      centred("2025E", 200, 84),
      centred("2026E", 300, 84),
      run("Revenue", 55, 98),
      centred("1.5", 200, 98),
      centred("2.5", 300, 98),
      run("Profit", 55, 110),
      centred("0.5", 200, 110),
      centred("0.7", 300, 110),
    ];
    // The caption's box is split under its words (at 90); the header's cells meet at the column bounds.
    const caption = [box(50, 68, 90, 80), box(90, 68, 130, 80)];
    const header = xs.slice(1).map((x, i) => box(xs[i]!, 81.4, x, 94));
    const rules = [hrule(50, 350, 94), hrule(50, 350, 122)];
    const found = findTables(page(runs, [...paint(caption, "#ffffff"), ...paint(header, "#cc0000"), ...paint(rules)]));
    const table = found.find((t) => t.rows.length >= 3);
    expect(texts(table!)).toEqual([
      ["(bn)", "2025E", "2026E"],
      ["Revenue", "1.5", "2.5"],
      ["Profit", "0.5", "0.7"],
    ]);
  });
});
