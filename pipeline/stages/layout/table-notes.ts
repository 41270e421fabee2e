// Note lines under tables ("Note: Rmb in millions (except per-share data).", "注：…"): a note printed under a group
// of tables on a page — side-by-side statements with one note under them all — belongs to every table of the group.
// A group is the tables of one page since the last caption or note on it; the note goes to each (normalize reads
// what it says, such as the unit).
import type { Item, TableContext } from "./contents.ts";
import { isNoteLine, parseCaption } from "./patterns.ts";

export function attachNotes(items: readonly Item[], tables: readonly TableContext[]): void {
  const byBlock = new Map(tables.map((t) => [t.block, t]));
  let group: TableContext[] = [];
  let page: number | null = null;
  for (const it of items) {
    const box = it.kind === "line" ? it.line.box : it.block.box;
    if (box && box.page !== page) (page = box.page), (group = []);
    if (it.kind === "table") {
      const ctx = byBlock.get(it.block);
      if (ctx) group.push(ctx);
      continue;
    }
    const text = it.line.text.trim();
    if (parseCaption(text)) group = [];
    else if (isNoteLine(text) && group.length > 0) {
      for (const t of group) t.notes.push(text);
      group = [];
    }
  }
}
