// The one-line summary of each command, in the order of `yanbao --help`. They live here, apart from the commands'
// definitions, so that `yanbao --help` prints them without loading any command (a command's module loads what it
// runs: pdf.js, ExcelJS, the database drivers…); each definition takes its summary from here.
export const SUMMARIES = {
  extract: "Extracts reports (PDF, text, markdown; folders are walked) into OUT/<name>/.",
  schemas: "Writes the JSON Schemas of the outputs (from the zod schemas) to schemas/json/.",
  diff: "What changed in the data between two editions of a report, matched by content, not labels.",
  load: "Loads extraction folders into a database, one transaction per report.",
  review:
    "Writes a static review page of an extraction: every table beside the crop of the page it came from, charts over their images, cover facts, problems.",
  enqueue:
    "Stores reports in the PostgreSQL queue's database and enqueues one extraction job per report not yet extracted.",
  worker:
    "Takes extraction jobs from the PostgreSQL queue, extracts them and loads each into the database with its job.",
  queue: "Shows the extraction queue (jobs by state, each worker, throughput, failures), or retries its failed jobs.",
} as const;
