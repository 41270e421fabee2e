// Loading extractions into databases: one suite, run against SQLite (a file in a temp folder) and against a real
// PostgreSQL server (PG_URL, as .ci/run provides, else one started here with .ci/postgres.sh). Without PG_URL and
// with no server startable, the PostgreSQL half is skipped with the reason; in CI (CI or PG_URL set) it fails.
import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import Papa from "papaparse";
import { jsonChunks } from "../pipeline/stages/emit-text.ts";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { Report } from "../schemas/index.ts";
import {
  type Db,
  LoadError,
  MIGRATIONS,
  MigrationError,
  loadExtraction,
  migrate,
  openDatabase,
  readExtraction,
  reportIdentity,
} from "../pipeline/db/index.ts";
import { connect } from "../pipeline/db/db.ts";
import { createDatabase, findPostgres } from "./support/pg-server.ts";

const SEED = "out/tianfeng-2024-03-09-llm-text";
const seedJson = await readFile(join(SEED, "report.json"), "utf8");
const seed = JSON.parse(seedJson) as Report;
// The example queries of docs/databases.md run on both databases.
const guide = await readFile("docs/databases.md", "utf8");
const exampleQueries = [...guide.matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1]!.trim().replace(/;$/, ""));
const CHILD = [
  "tables",
  "companies",
  "cells",
  "scores",
  "figures",
  "sections",
  "recommendations",
  "problems",
  "charts",
] as const;
const ALL_TABLES = ["schema_migrations", "reports", "editions", ...CHILD] as const;

interface Target {
  url: string;
  cleanup(): Promise<void>;
}
interface Factory {
  name: string;
  create(): Promise<Target>;
}

const scratch: string[] = [];
const tempDir = async (prefix: string) => {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  scratch.push(dir);
  return dir;
};

const sqliteFactory: Factory = {
  name: "SQLite",
  async create() {
    const dir = await tempDir("load-db-sqlite-");
    return { url: `sqlite:${join(dir, "reports.db")}`, cleanup: async () => undefined };
  },
};

const pgRequired = Boolean(process.env.CI || process.env.PG_URL);
const postgres = await findPostgres();
const postgresFactory: Factory | null = postgres.ok
  ? {
      name: "PostgreSQL",
      async create() {
        const db = await createDatabase(postgres.server.url);
        return { url: db.url, cleanup: db.drop };
      },
    }
  : null;
if (!postgres.ok && !pgRequired) console.warn(`load-db: PostgreSQL tests skipped: ${postgres.reason}`);

afterAll(async () => {
  if (postgres.ok) await postgres.server.stop();
  for (const dir of scratch) await rm(dir, { recursive: true, force: true });
});

if (!postgres.ok) {
  describe("loading into PostgreSQL", () => {
    if (pgRequired) {
      it("needs a server: CI or PG_URL is set", () => {
        throw new Error(`PostgreSQL is required here (CI or PG_URL is set) but unavailable: ${postgres.reason}`);
      });
    } else {
      it.skip(`skipped: ${postgres.reason}`, () => undefined);
    }
  });
}

/** A copy of the seed extraction with report.json changed by `mutate`, in a temp folder. */
async function variant(mutate: (r: Report) => void, name = "tianfeng-2024-03-09-llm-text"): Promise<string> {
  const dir = join(await tempDir("load-db-variant-"), name);
  await cp(SEED, dir, { recursive: true, dereference: true });
  const report = JSON.parse(seedJson) as Report;
  mutate(report);
  await writeFile(join(dir, "report.json"), jsonChunks(report)); // laid out as the extractor writes it
  return dir;
}
const newInput = (r: Report, n: number) => {
  r.source.sha256 = n.toString(16).padStart(64, "0");
};

/** A company note of the seed's broker: another input, date and title, with a company, rating and target price
 * (cut from a previous one). */
function coverNote(r: Report, n: number, date: string, rating: string, target: number, broker = "天风证券") {
  newInput(r, n);
  r.scores = [];
  Object.assign(r.meta, {
    broker,
    date,
    title: `示例股份点评 ${date}`,
    rating,
    rating_normalised: rating === "中性" ? "neutral" : "positive",
    language: "zh",
    companies: [{ name: "示例股份", ticker: "688556.SH", tickers: ["688556"], exchange: "SSE" }],
    target_price: {
      value: target,
      currency: "CNY",
      text: `${target}.00元`,
      previous_value: target + 48,
      previous_text: `${target + 48}.00元`,
    },
    current_price: null,
    market_cap: { value: 1234.5, currency: "CNY", unit: "亿", text: "1,234.5" },
    evidence: [{ field: "rating", text: rating, page: 1, line: null, box: null }],
  });
}

const csvRows = async (file: string) =>
  Papa.parse<Record<string, string>>(await readFile(join(SEED, file), "utf8"), { header: true, skipEmptyLines: true })
    .data;

/** Every row of every table, normalised (booleans, JSON, dates, numbers), sorted: equal dumps = same data. */
async function dump(db: Db): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of ALL_TABLES) {
    const rows = await db.all(`SELECT * FROM ${table}`);
    out[table] = rows.map((r) => JSON.stringify(Object.entries(r).map(([k, v]) => [k, normal(v)]))).sort();
  }
  return out;
}
const normal = (v: unknown): unknown =>
  v instanceof Date
    ? v.toISOString()
    : typeof v === "boolean"
      ? v
        ? 1
        : 0
      : v !== null && typeof v === "object"
        ? JSON.stringify(v)
        : v;
const bool = (v: unknown) => v === true || v === 1;
const json = (v: unknown) => (typeof v === "string" ? JSON.parse(v) : v);
const count = async (db: Db, sql: string, params: (string | number)[] = []) =>
  Number(((await db.all<{ n: number }>(sql, params))[0] ?? { n: NaN }).n);

const cliRun = promisify(execFile);
const TSX = pathToFileURL(resolve("node_modules/tsx/dist/loader.mjs")).href;
const cli = (args: string[]) =>
  cliRun(process.execPath, ["--import", TSX, resolve("pipeline/cli.ts"), "load", ...args]).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

const factories = [sqliteFactory, ...(postgresFactory ? [postgresFactory] : [])];

describe.each(factories)("loading into $name", (factory) => {
  const opened: Db[] = [];
  const targets: Target[] = [];
  const fresh = async () => {
    const target = await factory.create();
    targets.push(target);
    return target.url;
  };
  const open = async (url: string) => {
    const db = await openDatabase(url);
    opened.push(db);
    return db;
  };
  afterEach(async () => {
    for (const db of opened.splice(0)) await db.close();
    for (const t of targets.splice(0)) await t.cleanup();
  });

  it("applies the versioned migrations once, records them, and refuses edited or unknown ones", async () => {
    const url = await fresh();
    const db = await open(url);
    const applied = await db.all<{ version: number; checksum: string }>(
      "SELECT version, checksum FROM schema_migrations",
    );
    expect(applied.map((r) => Number(r.version))).toEqual(MIGRATIONS.map((m) => m.version));
    expect(await migrate(db)).toEqual([]); // already up to date
    // A migration after the tool's own (version n), then one more (n + 1).
    const n = Math.max(...MIGRATIONS.map((m) => m.version)) + 1;
    const v2 = { version: n, name: "test column", sql: "ALTER TABLE reports ADD COLUMN note TEXT" };
    expect(await migrate(db, [...MIGRATIONS, v2])).toEqual([n]);
    expect(await migrate(db, [...MIGRATIONS, v2])).toEqual([]);
    await expect(migrate(db, MIGRATIONS)).rejects.toThrow(new RegExp(`schema version ${n} .*newer than this tool`));
    await expect(
      migrate(db, [...MIGRATIONS, { ...v2, sql: "ALTER TABLE reports ADD COLUMN other TEXT" }]),
    ).rejects.toThrow(MigrationError);
    await expect(migrate(db, [...MIGRATIONS, { ...v2, version: n + 1 }])).rejects.toThrow(/newer than this tool/);
    // A failing migration leaves nothing behind (DDL is transactional in both).
    const bad = {
      version: n + 1,
      name: "broken",
      sql: "CREATE TABLE half_done (x INTEGER); CREATE TABLE reports (x INTEGER)",
    };
    await expect(migrate(db, [...MIGRATIONS, v2, bad])).rejects.toThrow(
      new RegExp(`migration ${n + 1} \\("broken"\\) failed`),
    );
    expect(await count(db, "SELECT COUNT(*) AS n FROM schema_migrations")).toBe(n);
    await expect(db.all("SELECT * FROM half_done")).rejects.toThrow();
  });

  it("loads the chart data points of the seed PDF's extraction, one row per charts.csv line", async () => {
    const db = await open(await fresh());
    const PDF_OUT = "out/tianfeng-2024-03-09-llm";
    await loadExtraction(db, await readExtraction(PDF_OUT));
    const lines = Papa.parse<Record<string, string>>(await readFile(join(PDF_OUT, "charts.csv"), "utf8"), {
      header: true,
      skipEmptyLines: true,
    }).data;
    expect(lines.length).toBeGreaterThan(0);
    expect(await count(db, "SELECT COUNT(*) AS n FROM charts")).toBe(lines.length);
    const first = lines[0]!;
    const row = (
      await db.all<{ value: number; category: string }>(
        `SELECT value, category FROM charts WHERE figure_id = '${first.figure_id}' AND category = '${first.category}'`,
      )
    )[0];
    expect(Number(row?.value)).toBe(Number(first.value));
  });

  it("loads the seed extraction with counts equal to its CSVs and values typed as in the schemas", async () => {
    const db = await open(await fresh());
    const result = await loadExtraction(db, await readExtraction(SEED));
    expect(result.status).toBe("loaded");
    expect(result.edition).toBe(1);
    const manifest = JSON.parse(await readFile(join(SEED, "manifest.json"), "utf8")) as {
      counts: Record<string, number>;
    };
    const csv = {
      cells: await csvRows("cells.csv"),
      scores: await csvRows("scores.csv"),
      figures: await csvRows("figures.csv"),
      sections: await csvRows("sections.csv"),
      recommendations: await csvRows("recommendations.csv"),
      problems: await csvRows("problems.csv"),
    };
    for (const [table, rows] of Object.entries(csv)) {
      expect(await count(db, `SELECT COUNT(*) AS n FROM ${table}`), table).toBe(rows.length);
      expect(result.counts[table], table).toBe(rows.length);
    }
    expect(csv.cells.length).toBe(629);
    expect(csv.scores.length).toBe(453);
    expect(await count(db, "SELECT COUNT(*) AS n FROM tables")).toBe(manifest.counts.tables);
    expect(await count(db, "SELECT COUNT(*) AS n FROM charts")).toBe(0);
    expect(await count(db, "SELECT COUNT(*) AS n FROM reports")).toBe(1);
    expect(await count(db, "SELECT COUNT(*) AS n FROM editions")).toBe(1);

    // Every cell as in cells.csv: numbers as numbers, empty CSV fields as NULL, raw text kept.
    const cells = await db.all<Record<string, unknown>>("SELECT * FROM cells");
    const byKey = new Map(cells.map((c) => [`${c.table_id}|${c.row}|${c.col}`, c]));
    for (const r of csv.cells) {
      const c = byKey.get(`${r.table_id}|${r.row}|${r.col}`);
      expect(c, `cell ${r.table_id} r${r.row}c${r.col}`).toBeDefined();
      const where = `${r.table_id} r${r.row}c${r.col}`;
      expect(c!.raw, where).toBe(r.raw);
      expect(c!.value, where).toBe(r.value === "" ? null : Number(r.value));
      expect(c!.value2, where).toBe(r.value2 === "" ? null : Number(r.value2));
      for (const k of ["unit", "setting", "note", "footnote", "value2_relation", "unit2", "setting2", "normalized"])
        expect(c![k], `${where} ${k}`).toBe(r[k] === "" ? null : r[k]);
      expect(bool(c!.missing), where).toBe(r.missing === "true");
      expect(c!.row_header, where).toBe(r.row_header);
      expect(c!.col_header, where).toBe(r.col_header);
      expect(typeof c!.row).toBe("number");
      expect(c!.value === null || typeof c!.value === "number").toBe(true);
    }
    // The header paths, lossless, as arrays; and the raw text exactly as in report.json.
    for (const t of seed.tables) {
      for (const cell of t.cells) {
        const c = byKey.get(`${t.id}|${cell.row}|${cell.col}`)!;
        expect(json(c.row_path)).toEqual(cell.row_header);
        expect(json(c.col_path)).toEqual(cell.col_header);
        expect(c.raw).toBe(cell.raw);
      }
    }
    // Every score as in scores.csv.
    const scores = await db.all<Record<string, unknown>>("SELECT * FROM scores");
    const scoreByKey = new Map(scores.map((s) => [`${s.table_id}|${s.row}|${s.col}`, s]));
    for (const r of csv.scores) {
      const s = scoreByKey.get(`${r.table_id}|${r.row}|${r.col}`)!;
      expect(s, `score ${r.table_id} r${r.row}c${r.col}`).toBeDefined();
      expect([s.model, s.benchmark, s.value, s.raw, s.setting, s.metric]).toEqual([
        r.model,
        r.benchmark,
        Number(r.value),
        r.raw,
        r.setting || null,
        r.metric || null,
      ]);
    }
    // Edition metadata: dates as ISO strings, analysts as JSON.
    const [edition] = await db.all<Record<string, unknown>>("SELECT * FROM editions");
    expect(edition).toMatchObject({
      edition: 1,
      date: "2024-03-09",
      broker: "天风证券",
      source_sha256: seed.source.sha256,
      tool_name: "yanbao-extract",
      status: "success",
    });
    expect(json(edition!.analysts)).toEqual(Report.parse(seed).meta.analysts); // as read: fields added later have their defaults
    const [report] = await db.all<Record<string, unknown>>("SELECT * FROM reports");
    expect(report).toMatchObject({
      report_key: reportIdentity(seed).key,
      broker: "天风证券",
      date: "2024-03-09",
      name: "tianfeng-2024-03-09-llm-text",
    });
  });

  it("is idempotent: loading the same extraction again changes nothing", async () => {
    const db = await open(await fresh());
    await loadExtraction(db, await readExtraction(SEED));
    const before = await dump(db);
    const again = await loadExtraction(db, await readExtraction(SEED));
    expect(again).toMatchObject({ status: "skipped", edition: 1, rows: 0 });
    // A copy of the folder elsewhere is the same extraction too.
    expect((await loadExtraction(db, await readExtraction(await variant(() => undefined)))).status).toBe("skipped");
    expect(await dump(db)).toEqual(before);
  });

  it("keeps every edition: a new input of the same report adds edition 2, and latest_scores shows it", async () => {
    const db = await open(await fresh());
    await loadExtraction(db, await readExtraction(SEED));
    const revised = await variant((r) => {
      newInput(r, 2);
      r.source.file = "tianfeng-2024-03-09-llm-text.pdf";
      r.scores[0]!.value = 12.5;
      r.scores.pop();
    });
    const result = await loadExtraction(db, await readExtraction(revised));
    expect(result).toMatchObject({ status: "loaded", edition: 2, reportId: 1 });
    expect(await count(db, "SELECT COUNT(*) AS n FROM reports")).toBe(1);
    expect(await count(db, "SELECT COUNT(*) AS n FROM editions")).toBe(2);
    expect(await count(db, "SELECT COUNT(*) AS n FROM cells")).toBe(2 * 629);
    expect(await count(db, "SELECT COUNT(*) AS n FROM scores WHERE edition_id = ?", [1])).toBe(453); // old edition intact
    expect(await count(db, "SELECT COUNT(*) AS n FROM latest_scores")).toBe(452);
    const first = seed.scores[0]!;
    const latest = await db.all<{ value: number; edition: number }>(
      "SELECT value, edition FROM latest_scores WHERE table_id = ? AND row = ? AND col = ?",
      [first.table_id, first.row, first.col],
    );
    expect(latest).toEqual([{ value: 12.5, edition: 2 }]);
    const old = await db.all<{ value: number }>(
      "SELECT value FROM scores WHERE edition_id = 1 AND table_id = ? AND row = ? AND col = ?",
      [first.table_id, first.row, first.col],
    );
    expect(old).toEqual([{ value: first.value }]);
    // Reloading either edition is a no-op; a different report (another title) is a new report.
    expect((await loadExtraction(db, await readExtraction(SEED))).status).toBe("skipped");
    const other = await variant((r) => {
      newInput(r, 3);
      r.meta.title = "另一篇报告";
    });
    expect(await loadExtraction(db, await readExtraction(other))).toMatchObject({
      status: "loaded",
      edition: 1,
      reportId: 2,
    });
    // Without broker/title/date the identity falls back to the source file name.
    const noMeta = await variant((r) => {
      newInput(r, 4);
      r.meta.broker = null;
    });
    const fallback = await loadExtraction(db, await readExtraction(noMeta));
    expect(fallback.identity.key).toBe("file:tianfeng-2024-03-09-llm-text");
    expect(fallback.edition).toBe(1);
    expect(await count(db, "SELECT COUNT(*) AS n FROM reports")).toBe(3);
    expect(await count(db, "SELECT COUNT(DISTINCT edition_id) AS n FROM latest_scores")).toBe(3);
  });

  it("reloads a re-extracted edition only with replace", async () => {
    const db = await open(await fresh());
    await loadExtraction(db, await readExtraction(SEED));
    const before = await dump(db);
    const reextracted = await variant((r) => {
      r.problems.pop();
      r.tables[0]!.cells[0]!.raw = "changed";
    });
    expect((await loadExtraction(db, await readExtraction(reextracted))).status).toBe("stale");
    expect(await dump(db)).toEqual(before);
    const replaced = await loadExtraction(db, await readExtraction(reextracted), { replace: true });
    expect(replaced).toMatchObject({ status: "replaced", edition: 1 });
    expect(await count(db, "SELECT COUNT(*) AS n FROM editions")).toBe(1);
    expect(await count(db, "SELECT COUNT(*) AS n FROM problems")).toBe(seed.problems.length - 1);
    expect(await count(db, "SELECT COUNT(*) AS n FROM cells WHERE raw = 'changed'")).toBe(1);
    expect(await count(db, "SELECT COUNT(*) AS n FROM cells")).toBe(629);
    expect((await loadExtraction(db, await readExtraction(reextracted), { replace: true })).status).toBe("skipped");
  });

  it("rolls a report back when the database refuses one record, naming the report and the record", async () => {
    const db = await open(await fresh());
    const empty = await dump(db);
    // A missing cell with a value passes the zod schema but breaks CHECK cells_missing_has_no_value. It sits in
    // the last table, so the report, edition, earlier tables and cells were already inserted when it fails.
    const ti = seed.tables.length - 1;
    const ci = seed.tables[ti]!.cells.length - 1;
    const bad = await variant((r) => {
      const cell = r.tables[ti]!.cells[ci]!;
      cell.missing = true;
      cell.value = 5;
    });
    const t = seed.tables[ti]!;
    const c = t.cells[ci]!;
    const error = await loadExtraction(db, await readExtraction(bad)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(LoadError);
    const message = (error as LoadError).message;
    expect(message).toContain(bad);
    expect(message).toContain("天风证券");
    expect(message).toContain(`cell ${t.id} r${c.row}c${c.col} (tables[${ti}].cells[${ci}])`);
    expect(message).toMatch(/cells_missing_has_no_value/);
    expect(message).toMatch(/rolled back/);
    expect((error as LoadError).record).toBe(`cell ${t.id} r${c.row}c${c.col} (tables[${ti}].cells[${ci}])`);
    expect(await dump(db)).toEqual(empty);

    // With a report already loaded, a bad new edition of it leaves the database exactly as it was.
    await loadExtraction(db, await readExtraction(SEED));
    const before = await dump(db);
    const badEdition = await variant((r) => {
      newInput(r, 9);
      r.tables[ti]!.cells[ci]!.missing = true;
      r.tables[ti]!.cells[ci]!.value = 5;
    });
    await expect(loadExtraction(db, await readExtraction(badEdition))).rejects.toThrow(/cells_missing_has_no_value/);
    expect(await dump(db)).toEqual(before);
    // The connection is still usable after the rollback.
    expect((await loadExtraction(db, await readExtraction(SEED))).status).toBe("skipped");
  });

  it("refuses a report.json that fails the schema before touching the database, naming the record", async () => {
    const db = await open(await fresh());
    const before = await dump(db);
    const bad = await variant((r) => {
      (r.tables[2]!.cells[1] as { raw: unknown }).raw = null;
    });
    const t = seed.tables[2]!;
    await expect(readExtraction(bad)).rejects.toThrow(
      new RegExp(
        `tables\\[2\\]\\.cells\\[1\\]\\.raw \\(cell ${t.id} r${t.cells[1]!.row}c${t.cells[1]!.col}\\): invalid`,
      ),
    );
    await expect(readExtraction(join(bad, "nope"))).rejects.toThrow(/no report\.json/);
    expect(await dump(db)).toEqual(before);
  });

  it("two loaders at once in one process: no duplicates, distinct edition numbers", async () => {
    const url = await fresh();
    const a = await open(url);
    const b = await open(url);
    const ex = await readExtraction(SEED);
    const results = await Promise.all([loadExtraction(a, ex), loadExtraction(b, ex), loadExtraction(a, ex)]);
    expect(results.map((r) => r.status).sort()).toEqual(["loaded", "skipped", "skipped"]);
    expect(await count(a, "SELECT COUNT(*) AS n FROM editions")).toBe(1);
    expect(await count(a, "SELECT COUNT(*) AS n FROM cells")).toBe(629);
    const e2 = await readExtraction(await variant((r) => newInput(r, 2)));
    const e3 = await readExtraction(await variant((r) => newInput(r, 3)));
    const [r2, r3] = await Promise.all([loadExtraction(a, e2), loadExtraction(b, e3)]);
    expect([r2.edition, r3.edition].sort()).toEqual([2, 3]);
    expect(await count(b, "SELECT COUNT(*) AS n FROM cells")).toBe(3 * 629);
  });

  it("two load processes at once into the same database: one loads, the other skips", {
    timeout: 120_000,
  }, async () => {
    const url = await fresh();
    const other = await variant((r) => newInput(r, 2), "revised");
    const runs = await Promise.all([
      cli([SEED, other, "--db", url]),
      cli([other, SEED, "--db", url]),
      cli([SEED, "--db", url]),
    ]);
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const lines = runs
      .flatMap((r) => r.stdout.split("\n"))
      .filter((l) => / (loaded|skipped)[ ,]/.test(l) && !l.includes(" failed"));
    expect(lines.filter((l) => l.includes(": loaded edition")).length).toBe(2);
    expect(lines.filter((l) => l.includes(": skipped, already loaded")).length).toBe(3);
    const db = await open(url);
    expect(await count(db, "SELECT COUNT(*) AS n FROM reports")).toBe(1);
    expect(await count(db, "SELECT COUNT(*) AS n FROM editions")).toBe(2);
    expect(await count(db, "SELECT COUNT(*) AS n FROM cells")).toBe(2 * 629);
    expect(await count(db, "SELECT COUNT(*) AS n FROM scores")).toBe(2 * 453);
    expect(await count(db, "SELECT COUNT(*) AS n FROM schema_migrations")).toBe(MIGRATIONS.length);
  });

  it("keeps the cover facts, and latest_ratings gives each broker's latest note per ticker", async () => {
    const db = await open(await fresh());
    await loadExtraction(db, await readExtraction(await variant((r) => coverNote(r, 11, "2026-03-01", "买入", 775))));
    await loadExtraction(db, await readExtraction(await variant((r) => coverNote(r, 12, "2026-04-02", "增持", 727))));
    await loadExtraction(
      db,
      await readExtraction(await variant((r) => coverNote(r, 13, "2026-05-01", "中性", 700, "另一证券"))),
    );
    const [edition] = await db.all<Record<string, unknown>>("SELECT * FROM editions WHERE date = '2026-04-02'");
    expect(edition).toMatchObject({
      rating_normalised: "positive",
      target_price: 727,
      target_currency: "CNY",
      target_text: "727.00元",
      language: "zh",
      market_cap: 1234.5,
      market_cap_unit: "亿",
    });
    expect(json(edition!.evidence)).toEqual([{ field: "rating", text: "增持", page: 1, line: null, box: null }]);
    const ratings = await db.all<Record<string, unknown>>(
      "SELECT ticker, broker, date, rating, rating_normalised, target_price, target_currency FROM latest_ratings ORDER BY broker",
    );
    expect(ratings.map((r) => ({ ...r, date: normal(r.date) }))).toEqual([
      {
        ticker: "688556.SH",
        broker: "另一证券",
        date: expect.stringMatching(/^2026-05-01/),
        rating: "中性",
        rating_normalised: "neutral",
        target_price: 700,
        target_currency: "CNY",
      },
      {
        ticker: "688556.SH",
        broker: "天风证券",
        date: expect.stringMatching(/^2026-04-02/),
        rating: "增持",
        rating_normalised: "positive",
        target_price: 727,
        target_currency: "CNY",
      },
    ]);
  });

  it("runs every example query of docs/databases.md and each answers something", async () => {
    expect(exampleQueries.length).toBeGreaterThan(3);
    const db = await open(await fresh());
    await loadExtraction(db, await readExtraction(SEED));
    await loadExtraction(
      db,
      await readExtraction(
        await variant((r) => {
          newInput(r, 2);
          r.scores[0]!.value += 1;
        }),
      ),
    );
    await loadExtraction(
      db,
      await readExtraction(await variant((r) => coverNote(r, 3, "2026-04-02", "增持", 727, "另一证券"))),
    );
    expect(exampleQueries.length).toBeGreaterThanOrEqual(5);
    for (const sql of exampleQueries) {
      const rows = await db.all(sql).catch((e: Error) => {
        throw new Error(`${e.message}\nin the docs/databases.md query:\n${sql}`);
      });
      expect(rows.length, sql).toBeGreaterThan(0);
    }
    const gsm8k = await db.all<{ model: string; value: number }>(
      exampleQueries.find((q) => q.includes("'GSM8K'\nORDER BY value DESC"))!,
    );
    expect(gsm8k.length).toBe(seed.scores.filter((s) => s.benchmark === "GSM8K").length);
    const broker = await db.all<{ title: string; editions: number }>(
      exampleQueries.find((q) => q.includes("FROM latest_editions\nWHERE broker"))!,
    );
    expect(broker).toEqual([expect.objectContaining({ title: seed.meta.title, editions: 2 })]);
  });
});

describe("database URLs", () => {
  it("rejects an unsupported URL with a hint", async () => {
    await expect(connect("mysql://x")).rejects.toThrow(/unsupported database URL .*sqlite:PATH or postgres:/);
  });
});
