// Table rules of issue 14 on small constructed pages (PDF points, origin top-left, y down): rules painted in their
// background's colour, parent headers over a rule's unsplit stretch, rules between the rows of a group that leave
// out the group's label column, period and count columns beside two-line values.
import { describe, expect, it } from "vitest";
import type { PdfRect, PdfRun, RawCell } from "../schemas/index.ts";
import { findTables, type PdfTable } from "../pipeline/stages/tables/pdf-tables.ts";
import { hrule, paint, paintedPage, splitRule, textKit } from "./support/pdf-page.ts";

const { run, centred } = textKit(9, true);
const page = paintedPage;
const black = (rs: PdfRect[]) => paint(rs);
const texts = (t: PdfTable) => t.rows.map((r) => r.map((c) => c.text));
const spans = (row: RawCell[]) => row.map((c) => [c.text, c.row_span, c.col_span]);

const XS = [50, 150, 250, 350];
/** Rows of a label and two values, each value printed over its t-statistic, between rules. */
function twoLineRows(top: number, labels: string[]): { runs: PdfRun[]; rules: PdfRect[]; bottom: number } {
  const runs: PdfRun[] = [];
  const rules: PdfRect[] = [];
  labels.forEach((label, i) => {
    const y = top + i * 30;
    rules.push(hrule(50, 350, y));
    runs.push(
      run(label, 55, y + 4),
      centred("1.25", 200, y + 4),
      centred("2.50", 300, y + 4),
      centred("(3.1)", 200, y + 16),
      centred("(4.2)", 300, y + 16),
    );
  });
  rules.push(hrule(50, 350, top + labels.length * 30));
  return { runs, rules, bottom: top + labels.length * 30 };
}

describe("rules no reader sees", () => {
  it("a rule painted in the colour of the cell background under it separates nothing", () => {
    const header = [run("Name", 55, 85), centred("A", 200, 85), centred("B", 300, 85)];
    const body = twoLineRows(100, ["Alpha", "Beta"]);
    const pink = "#ffefff";
    // Beta's cell backgrounds, with a border between its two lines drawn in the same pink.
    const fills: [PdfRect, string][] = [
      [{ x0: 50, y0: 130.5, x1: 350, y1: 160, op: "fill" }, pink],
      [hrule(50, 350, 144), pink],
    ];
    const [table] = findTables(
      page([...header, ...body.runs], [...fills, ...black([hrule(50, 350, 80), ...body.rules])]),
    );
    expect(texts(table!)).toEqual([
      ["Name", "A", "B"],
      ["Alpha", "1.25 (3.1)", "2.50 (4.2)"],
      ["Beta", "1.25 (3.1)", "2.50 (4.2)"],
    ]);
  });

  it("a rule in a colour other than the background's still separates rows", () => {
    const header = [run("Name", 55, 85), centred("A", 200, 85), centred("B", 300, 85)];
    const body = twoLineRows(100, ["Alpha", "Beta"]);
    const fills: [PdfRect, string][] = [
      [{ x0: 50, y0: 130.5, x1: 350, y1: 160, op: "fill" }, "#ffefff"],
      [hrule(50, 350, 144), "#000000"],
    ];
    const [table] = findTables(
      page([...header, ...body.runs], [...fills, ...black([hrule(50, 350, 80), ...body.rules])]),
    );
    expect(texts(table!).length).toBe(4);
  });
});

describe("parent headers over a rule's unsplit stretch", () => {
  it("a parent centred in the stretch of the rule above it left unsplit over three leaves spans them", () => {
    const xs = [50, 120, 180, 240, 300, 360, 420, 480];
    const runs = [
      run("Item", 55, 95),
      centred("Return", 210, 85),
      centred("Hit rate", 390, 85),
      ...[150, 210, 270, 330, 390, 450].map((x, i) => centred(["3", "5", "10"][i % 3]!, x, 103)),
      run("Alpha", 55, 120),
      ...[150, 210, 270, 330, 390, 450].map((x) => centred("1.5%", x, 120)),
      run("Beta", 55, 135),
      ...[150, 210, 270, 330, 390, 450].map((x) => centred("2.5%", x, 135)),
    ];
    // The top rule is split only where the parents meet; the rule under the parents at every leaf.
    const rules = [
      ...splitRule([50, 120, 300, 480], 80),
      ...splitRule(xs.slice(1), 97),
      ...splitRule(xs, 115),
      hrule(50, 480, 150),
    ];
    const [table] = findTables(page(runs, black(rules)));
    const parents = table!.rows[0]!.filter((c) => c.col_span === 3).map((c) => c.text);
    expect(parents).toEqual(["Return", "Hit rate"]);
  });
});

describe("rules between the rows of a group", () => {
  // Groups of three periods; a full rule between groups, rules leaving out the label column between periods; the
  // group label centred on its middle period; period and count centred between each row's value and t-statistic.
  function groups(top: number, names: string[]): { runs: PdfRun[]; rules: PdfRect[] } {
    const runs: PdfRun[] = [];
    const rules: PdfRect[] = [hrule(40, 400, top)];
    names.forEach((name, g) => {
      ["2010-2016", "2017-2021", "2010-2021"].forEach((period, k) => {
        const y = top + (g * 3 + k) * 30;
        if (k > 0) rules.push(hrule(95, 400, y));
        if (k === 1) runs.push(run(name, 45, y + 10));
        runs.push(run(period, 100, y + 10), run(String(20 + g * 3 + k), 170, y + 10));
        for (const x of [240, 300, 360])
          runs.push(centred(`${g}.${k}1%`, x, y + 4), centred(`(${g}.${k}2)`, x, y + 16));
      });
      rules.push(hrule(40, 400, top + (g + 1) * 90));
    });
    return { runs, rules };
  }

  it("are rules of the table: the label column, the period and the count are columns of their own", () => {
    const { runs, rules } = groups(100, ["Autos", "Banks"]);
    const [table, ...rest] = findTables(page(runs, black(rules)));
    expect(rest).toEqual([]);
    expect(table!.rows).toHaveLength(6);
    expect(spans(table!.rows[0]!).slice(0, 3)).toEqual([
      ["Autos", 3, 1],
      ["2010-2016", 1, 1],
      ["20", 1, 1],
    ]);
    expect(texts(table!)[1]).toEqual(["2017-2021", "21", "0.11% (0.12)", "0.11% (0.12)", "0.11% (0.12)"]);
  });
});
