// Loading extractions into SQLite or PostgreSQL: the public surface of pipeline/load/.
export { DEFAULT_DB_URL, type Db, type Dialect, type Tx, connect, parseDbUrl, redactUrl } from "./db.ts";
export { MIGRATIONS, type Migration, MigrationError, migrate } from "./migrations.ts";
export {
  type ExtractionFolder,
  type LoadResult,
  type LoadStatus,
  LoadError,
  describeIdentity,
  findExtractionDirs,
  repairOutDirs,
  loadExtraction,
  openDatabase,
  readExtraction,
  reportIdentity,
} from "./loader.ts";
