// One column spec per output table (pipeline/stages/emit-spec.ts, pipeline/db/rows.ts) and the migrations that
// create the database: a fresh database, migrated, has exactly the child tables and columns (name and type) the
// specs say, so a spec changed without a new migration fails here. Also the manifest schema (schemas/manifest.ts)
// against the manifests the extractor writes and the loader reads. SQLite always; PostgreSQL when a server is at
// hand (PG_URL, or one started with .ci/postgres.sh), as in db-databases.test.ts.
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { type ColumnType, type Db, type TableSpec, connect } from "../pipeline/db/db.ts";
import { LoadError, migrate, openDatabase, readExtraction } from "../pipeline/db/index.ts";
import { TYPE_MAP } from "../pipeline/db/migrations.ts";
import { CHILD_TABLES } from "../pipeline/db/rows.ts";
import { DB_TYPE, OUTPUT_TABLES } from "../pipeline/stages/emit-spec.ts";
import { Manifest } from "../schemas/index.ts";
import { createDatabase, findPostgres } from "./support/pg-server.ts";

/** Tables the migrations create that are not an edition's child tables (written by the loader itself). */
const OTHER_TABLES = ["schema_migrations", "reports", "editions"];
const EXTRACTIONS = ["out/tianfeng-2024-03-09-llm", "out/tianfeng-2024-03-09-llm-text"];

/** The migrations' spelling of a logical type ({TYPE} placeholders; TEXT is written as is). */
const sqlType = (type: ColumnType, dialect: "sqlite" | "postgres") =>
  type === "text" ? "TEXT" : TYPE_MAP[dialect][type.toUpperCase()]!;

interface Column {
  name: string;
  type: string;
}
const byName = (columns: readonly Column[]) => [...columns].sort((a, b) => (a.name < b.name ? -1 : 1));

interface Dialect {
  name: string;
  /** A new empty database, migrated; closed (and dropped) after the test. */
  fresh(): Promise<Db>;
  /** User tables of the database. */
  tables(db: Db): Promise<string[]>;
  /** A table's columns with their declared types, in a form `expected` gives too. */
  columns(db: Db, table: string): Promise<Column[]>;
  expected(db: Db, spec: TableSpec): Promise<Column[]>;
}

const scratch: string[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});
const tempDir = async (prefix: string) => {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  scratch.push(dir);
  return dir;
};

const sqlite: Dialect = {
  name: "SQLite",
  async fresh() {
    const db = await openDatabase(`sqlite:${join(await tempDir("db-specs-"), "reports.db")}`);
    cleanups.push(() => db.close());
    return db;
  },
  tables: async (db) =>
    (
      await db.all<{ name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    ).map((t) => t.name),
  columns: async (db, table) =>
    (await db.all<Column>(`SELECT name, type FROM pragma_table_info('${table}')`)).map(({ name, type }) => ({
      name,
      type,
    })),
  expected: async (_db, spec) => spec.columns.map((c) => ({ name: c.name, type: sqlType(c.type, "sqlite") })),
};

const pgRequired = Boolean(process.env.CI || process.env.PG_URL);
const pgServer = await findPostgres();
if (!pgServer.ok && !pgRequired) console.warn(`db-specs: PostgreSQL skipped: ${pgServer.reason}`);
afterAll(async () => {
  if (pgServer.ok) await pgServer.server.stop();
  for (const dir of scratch) await rm(dir, { recursive: true, force: true });
});

const postgres: Dialect | null = pgServer.ok
  ? {
      name: "PostgreSQL",
      async fresh() {
        const target = await createDatabase(pgServer.server.url, "yanbao_specs");
        const db = await connect(target.url);
        cleanups.push(async () => {
          await db.close();
          await target.drop();
        });
        await migrate(db);
        return db;
      },
      tables: async (db) =>
        (
          await db.all<{ name: string }>(
            "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
          )
        ).map((t) => t.name),
      // format_type: the canonical name of the declared type (BIGINT → bigint, TIMESTAMPTZ → timestamp with time zone)
      columns: async (db, table) =>
        db.all<Column>(
          "SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type FROM pg_attribute a WHERE a.attrelid = ?::regclass AND a.attnum > 0 AND NOT a.attisdropped",
          [table],
        ),
      expected: async (db, spec) => {
        const out: Column[] = [];
        for (const c of spec.columns) {
          // the identity clause of {ID} is not part of the type; child tables have no ID column anyway
          const [row] = await db.all<{ type: string }>("SELECT format_type(?::regtype::oid, NULL) AS type", [
            sqlType(c.type, "postgres").replace(/ GENERATED .*$/, ""),
          ]);
          out.push({ name: c.name, type: row!.type });
        }
        return out;
      },
    }
  : null;

if (!postgres) {
  describe("the migrations against the specs in PostgreSQL", () => {
    if (pgRequired)
      it("needs a server: CI or PG_URL is set", () =>
        expect.fail(`PostgreSQL is required here but unavailable: ${!pgServer.ok ? pgServer.reason : ""}`));
    else it.skip(`skipped: ${!pgServer.ok ? pgServer.reason : ""}`, () => undefined);
  });
}

describe.each([sqlite, ...(postgres ? [postgres] : [])])("the migrations against the specs in $name", (dialect) => {
  it("a migrated fresh database has exactly the child tables of the specs, besides reports, editions and schema_migrations", async () => {
    const db = await dialect.fresh();
    expect((await dialect.tables(db)).sort()).toEqual([...OTHER_TABLES, ...CHILD_TABLES.map((s) => s.name)].sort());
  });

  it("each child table has exactly the columns of its spec, name and type", async () => {
    const db = await dialect.fresh();
    for (const spec of CHILD_TABLES) {
      expect(byName(await dialect.columns(db, spec.name)), spec.name).toEqual(byName(await dialect.expected(db, spec)));
    }
  });
});

describe("one spec per output table", () => {
  it("every CSV file has a database table of the same name, and a CSV column it keeps has the same logical type there", () => {
    for (const table of OUTPUT_TABLES) {
      const spec = CHILD_TABLES.find((s) => s.name === table.name);
      expect(spec, table.name).toBeDefined();
      for (const field of table.fields) {
        const column = spec?.columns.find((c) => c.name === field.name);
        // a column the database leaves out or renames (problems.where → location) is declared so in emit-spec.ts
        if (column) expect(column.type, `${table.name}.${field.name}`).toBe(DB_TYPE[field.type]);
      }
    }
  });

  it("the CSV headers and datapackage.json fields of the extractions in out/ are the specs' columns", async () => {
    for (const dir of EXTRACTIONS) {
      const pkg = JSON.parse(await readFile(join(dir, "datapackage.json"), "utf8")) as {
        resources: { path: string; schema: { fields: unknown[] } }[];
      };
      for (const table of OUTPUT_TABLES) {
        const header = (await readFile(join(dir, table.path), "utf8")).split("\n")[0];
        expect(header, `${dir}/${table.path}`).toBe(table.fields.map((f) => f.name).join(","));
        expect(pkg.resources.find((r) => r.path === table.path)?.schema.fields, `${dir} ${table.path}`).toEqual(
          table.fields,
        );
      }
    }
  });
});

describe("manifest.json (schemas/manifest.ts)", () => {
  it("the extractions' manifests parse, and in the schema's key order: parsed and written again they are the same bytes", async () => {
    for (const dir of EXTRACTIONS) {
      const text = await readFile(join(dir, "manifest.json"), "utf8");
      expect(`${JSON.stringify(Manifest.parse(JSON.parse(text)), null, 2)}\n`, dir).toBe(text);
    }
  });

  it("the loader reads a manifest written before options were recorded, and reports one that is not a manifest", async () => {
    const dir = join(await tempDir("db-specs-manifest-"), "report");
    await cp(EXTRACTIONS[1]!, dir, { recursive: true, dereference: true });
    const manifest = JSON.parse(await readFile(join(dir, "manifest.json"), "utf8")) as Record<string, unknown>;
    const { options: _options, ...older } = manifest;
    await writeFile(join(dir, "manifest.json"), JSON.stringify(older));
    expect((await readExtraction(dir)).manifest?.tool).toEqual(manifest.tool);

    await writeFile(join(dir, "manifest.json"), JSON.stringify({ ...manifest, tool: { name: "yanbao-extract" } }));
    const error = await readExtraction(dir).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(LoadError);
    expect((error as LoadError).record).toBe("manifest.json");
    expect((error as LoadError).message).toMatch(/manifest\.json: unreadable: not a manifest: tool\.version: /);

    await writeFile(join(dir, "manifest.json"), "{ not json");
    await expect(readExtraction(dir)).rejects.toThrow(/manifest\.json: unreadable: /);
  });
});
