// The estimate_revisions view on SQLite and PostgreSQL (a throwaway server, as db-databases.test.ts), on tiny
// hand-built notes: each value of a period column beside the same broker's previous value for the same ticker, line
// item and period, with the change in the newer note's scale; a second printing of an item in one note ignored;
// other brokers and tickers apart. Also the new cell columns (currency, scale, period…) as loaded.
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type Db, loadExtraction, openDatabase, readExtraction } from "../pipeline/db/index.ts";
import { jsonChunks } from "../pipeline/stages/emit-text.ts";
import { readPeriod } from "../pipeline/stages/tables/periods.ts";
import type { Report, Table } from "../schemas/index.ts";
import { makeTable, type TableSpec } from "./fixtures/diff/tables.ts";
import { createDatabase, findPostgres } from "./support/pg-server.ts";

const SEED = "out/tianfeng-2024-03-09-llm-text";
const seedJson = await readFile(join(SEED, "report.json"), "utf8");
const scratch: string[] = [];
const postgres = await findPostgres();
const pgRequired = Boolean(process.env.CI || process.env.PG_URL);
if (!postgres.ok && !pgRequired) console.warn(`db-estimates: PostgreSQL skipped: ${postgres.reason}`);
afterAll(async () => {
  if (postgres.ok) await postgres.server.stop();
  for (const dir of scratch) await rm(dir, { recursive: true, force: true });
});

const MN = { unit: "RMB mn", currency: "CNY", scale: 1e6 };
const BN = { unit: "RMB bn", currency: "CNY", scale: 1e9 };
type Unit = typeof MN;

/** A table as the normalize stage types a financial one: each cell the period of its column, one unit. */
function periodTable(spec: TableSpec, unit: Unit, page: number): Table {
  const t = makeTable(spec);
  const cells = t.cells.map((c) => {
    const p = readPeriod(c.col_header.at(-1) ?? "");
    return {
      ...c,
      ...unit,
      period: p?.period ?? null,
      period_kind: p?.kind ?? null,
      period_basis: p?.basis ?? null,
      period_fiscal: p?.fiscal ?? null,
      period_year_end: p?.year_end ?? null,
      period_axis: p ? ("column" as const) : null,
    };
  });
  return { ...t, page, cells };
}

const statement = (id: string, revenue: string, profit: string, unit: Unit, page: number) =>
  periodTable(
    {
      id,
      label: null,
      title: "Income statement",
      cols: ["2025A", "2026E"],
      rows: [
        ["Revenue", "751,766", revenue],
        ["Net profit", "224,842", profit],
      ],
    },
    unit,
    page,
  );

const revenueOnly = (label: string, value: string) =>
  periodTable({ id: "t1", label: null, title: "Forecasts", cols: ["2026E"], rows: [[label, value]] }, MN, 2);

interface Note {
  n: number;
  broker: string;
  date: string;
  ticker: string;
  tables: Table[];
}

/** An extraction folder of one note: the seed's files with report.json replaced by the note. */
async function noteFolder(note: Note): Promise<string> {
  const dir = join(await mkdtemp(join(tmpdir(), "db-estimates-")), "tianfeng-2024-03-09-llm-text");
  scratch.push(dir);
  await cp(SEED, dir, { recursive: true, dereference: true });
  const r = JSON.parse(seedJson) as Report;
  r.source.sha256 = note.n.toString(16).padStart(64, "0");
  Object.assign(r, { tables: note.tables, scores: [], figures: [], charts: [] });
  Object.assign(r.meta, {
    broker: note.broker,
    date: note.date,
    title: `Note ${note.n}`,
    companies: [{ name: "Example", ticker: note.ticker, tickers: [note.ticker], exchange: "HKEX" }],
  });
  await writeFile(join(dir, "report.json"), jsonChunks(r));
  return dir;
}

const NOTES: Note[] = [
  {
    n: 1,
    broker: "Alpha",
    date: "2026-01-10",
    ticker: "0001.HK",
    tables: [statement("t1", "854,272", "250,140", MN, 5)],
  },
  {
    n: 2,
    broker: "Alpha",
    date: "2026-03-20",
    ticker: "0001.HK",
    // The cover summary (page 1) in RMB bn comes first; the statement on page 7 prints Revenue again.
    tables: [statement("t9", "999,999", "1", MN, 7), statement("t1", "831.1", "240.0", BN, 1)],
  },
  {
    n: 3,
    broker: "Beta",
    date: "2026-02-01",
    ticker: "0001.HK",
    tables: [statement("t1", "900,000", "260,000", MN, 3)],
  },
  { n: 4, broker: "Alpha", date: "2026-02-15", ticker: "0002.HK", tables: [statement("t1", "1", "2", MN, 3)] },
  // One line item printed with its unit in two spellings, and with other spacing and case.
  { n: 5, broker: "Alpha", date: "2026-01-05", ticker: "0003.HK", tables: [revenueOnly("Revenue (Rmbm)", "100")] },
  { n: 6, broker: "Alpha", date: "2026-04-01", ticker: "0003.HK", tables: [revenueOnly("revenue  (RMB mn)", "90")] },
];

const dialects: { name: string; url: () => Promise<{ url: string; drop: () => Promise<void> }> }[] = [
  {
    name: "SQLite",
    url: async () => {
      const dir = await mkdtemp(join(tmpdir(), "db-estimates-sqlite-"));
      scratch.push(dir);
      return { url: `sqlite:${join(dir, "reports.db")}`, drop: async () => undefined };
    },
  },
];
if (postgres.ok) dialects.push({ name: "PostgreSQL", url: () => createDatabase(postgres.server.url) });

const num = (v: unknown) => (v === null ? null : Number(v));
const day = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

describe.each(dialects)("estimate_revisions on $name", ({ url }) => {
  async function loaded(): Promise<{ db: Db; drop: () => Promise<void> }> {
    const target = await url();
    const db = await openDatabase(target.url);
    for (const note of NOTES) await loadExtraction(db, await readExtraction(await noteFolder(note)));
    return { db, drop: async () => (await db.close(), await target.drop()) };
  }

  it("pairs each value with the broker's previous one for the same ticker, item and period", async () => {
    const { db, drop } = await loaded();
    try {
      const rows = await db.all<Record<string, unknown>>(
        `SELECT broker, ticker, line_item, period, period_basis, date, value, unit, previous_date, previous_value, change, change_pct
         FROM estimate_revisions WHERE ticker = '0001.HK' AND period = '2026' ORDER BY broker, line_item, date`,
      );
      const got = rows.map((r) => ({
        ...r,
        date: day(r.date),
        previous_date: r.previous_date === null ? null : day(r.previous_date),
        value: num(r.value),
        previous_value: num(r.previous_value),
        change: num(r.change),
        change_pct: num(r.change_pct),
      }));
      const base = { ticker: "0001.HK", period: "2026", period_basis: "estimate" };
      expect(got).toEqual([
        {
          ...base,
          broker: "Alpha",
          line_item: "Net profit",
          date: "2026-01-10",
          value: 250140,
          unit: "RMB mn",
          previous_date: null,
          previous_value: null,
          change: null,
          change_pct: null,
        },
        {
          ...base,
          broker: "Alpha",
          line_item: "Net profit",
          date: "2026-03-20",
          value: 240,
          unit: "RMB bn",
          previous_date: "2026-01-10",
          previous_value: 250140,
          change: expect.closeTo(240 - 250.14, 9),
          change_pct: expect.closeTo(((240 - 250.14) / 250.14) * 100, 9),
        },
        {
          ...base,
          broker: "Alpha",
          line_item: "Revenue",
          date: "2026-01-10",
          value: 854272,
          unit: "RMB mn",
          previous_date: null,
          previous_value: null,
          change: null,
          change_pct: null,
        },
        {
          ...base,
          broker: "Alpha",
          line_item: "Revenue",
          date: "2026-03-20",
          value: 831.1,
          unit: "RMB bn",
          previous_date: "2026-01-10",
          previous_value: 854272,
          change: expect.closeTo(831.1 - 854.272, 9),
          change_pct: expect.closeTo(((831.1 - 854.272) / 854.272) * 100, 9),
        },
        {
          ...base,
          broker: "Beta",
          line_item: "Net profit",
          date: "2026-02-01",
          value: 260000,
          unit: "RMB mn",
          previous_date: null,
          previous_value: null,
          change: null,
          change_pct: null,
        },
        {
          ...base,
          broker: "Beta",
          line_item: "Revenue",
          date: "2026-02-01",
          value: 900000,
          unit: "RMB mn",
          previous_date: null,
          previous_value: null,
          change: null,
          change_pct: null,
        },
      ]);
    } finally {
      await drop();
    }
  });

  it("pairs a line item printed with its unit spelled otherwise, as the diff does", async () => {
    const { db, drop } = await loaded();
    try {
      const rows = await db.all<Record<string, unknown>>(
        "SELECT line_item, value, previous_value FROM estimate_revisions WHERE ticker = '0003.HK' ORDER BY date",
      );
      expect(rows.map((r) => [r.line_item, num(r.value), num(r.previous_value)])).toEqual([
        ["Revenue", 100, null],
        ["revenue", 90, 100],
      ]);
    } finally {
      await drop();
    }
  });

  it("loads the cells' currency, scale and period", async () => {
    const { db, drop } = await loaded();
    try {
      const [cell] = await db.all<Record<string, unknown>>(
        "SELECT currency, scale, period, period_kind, period_basis, period_axis FROM cells WHERE raw = '831.1'",
      );
      expect({ ...cell, scale: num(cell!.scale) }).toEqual({
        currency: "CNY",
        scale: 1e9,
        period: "2026",
        period_kind: "year",
        period_basis: "estimate",
        period_axis: "column",
      });
    } finally {
      await drop();
    }
  });
});
