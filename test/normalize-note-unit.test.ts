// Unit notes under tables, read into a unit and the rows it does not govern: the linking word ("Rmb in millions",
// "in US$ mn"), a marked unit (单位：亿元), a named exception, an exception that cannot be read, notes that state no
// amount unit. And the layout pass that gives a note to every table of the group printed above it.
import { describe, expect, it } from "vitest";
import type { TableBlock, TextLine } from "../schemas/index.ts";
import type { Item, TableContext } from "../pipeline/stages/layout/contents.ts";
import { attachNotes } from "../pipeline/stages/layout/table-notes.ts";
import { excepted, noteUnit } from "../pipeline/stages/normalize/note-unit.ts";

describe("noteUnit", () => {
  it("reads a currency linked to a scale, either way round", () => {
    expect(noteUnit("Note: Rmb in millions (except per-share data).")?.unit).toEqual({
      unit: "Rmb millions",
      currency: "CNY",
      scale: 1e6,
    });
    expect(noteUnit("Notes: All figures in US$ mn unless otherwise stated")?.unit).toMatchObject({
      currency: "USD",
      scale: 1e6,
    });
    expect(noteUnit("注：单位：亿元")?.unit).toMatchObject({ currency: "CNY", scale: 1e8 });
  });

  it("states none for notes without an amount unit or with an exception it cannot read", () => {
    expect(noteUnit("Note: EPS growth in % terms; fiscal year ends Dec.")).toBeNull();
    expect(noteUnit("Note: o/w - out of which")).toBeNull();
    expect(noteUnit("Note: Rmb in millions, except operating data")).toBeNull();
    expect(noteUnit("注：单位：亿元，除特别说明外")).toBeNull();
  });

  it("excepts the rows its exception names and rows that count things", () => {
    const n = noteUnit("Note: Rmb in millions (except per-share data).")!;
    expect(excepted("Adj. EPS", n.except)).toBe(true);
    expect(excepted("DPS", n.except)).toBe(true);
    expect(excepted("Shares outstanding", n.except)).toBe(true);
    expect(excepted("Revenue", n.except)).toBe(false);
    expect(excepted("Depreciation", n.except)).toBe(false);
  });
});

const line = (text: string, page: number, y: number): Item => ({
  kind: "line",
  line: { text, line: y, page, box: { page, x0: 40, y0: y, x1: 400, y1: y + 10 } } as unknown as TextLine,
});
const table = (page: number, y: number): { item: Item; ctx: TableContext } => {
  const block = { page, line: y, box: { page, x0: 40, y0: y, x1: 400, y1: y + 100 } } as unknown as TableBlock;
  return { item: { kind: "table", block }, ctx: { block, label: null, title: "", source: null, page, notes: [] } };
};

describe("attachNotes", () => {
  it("gives a note to every table of the page's group above it, not to tables of another page or caption", () => {
    const [a, b, c, d] = [table(1, 100), table(1, 300), table(2, 100), table(2, 400)];
    const items: Item[] = [
      a!.item,
      b!.item,
      line("Source: Company reports.", 1, 500),
      line("Note: Rmb in millions.", 1, 520),
      c!.item,
      line("Figure 3: Margins", 2, 380),
      d!.item,
      line("Note: in US$ mn", 2, 600),
    ];
    attachNotes(items, [a!.ctx, b!.ctx, c!.ctx, d!.ctx]);
    expect([a, b, c, d].map((t) => t!.ctx.notes)).toEqual([
      ["Note: Rmb in millions."],
      ["Note: Rmb in millions."],
      [],
      ["Note: in US$ mn"],
    ]);
  });
});
