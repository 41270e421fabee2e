// `review` command: argument parsing and printing only; the page is built by pipeline/review/.
// Exit codes: 0 the page was written, 2 bad usage or an extraction folder that cannot be read.
import { spawn } from "node:child_process";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { buildReview, type ReviewResult } from "../review/build.ts";
import { ReviewInputError } from "../review/source.ts";
import { defineCommand, helpText, parseCommand } from "./define.ts";
import { SUMMARIES } from "./summaries.ts";

export const reviewDefinition = defineCommand({
  name: "review",
  summary: SUMMARIES.review,
  details:
    "The page (index.html, review.css, review.js, img/) works from the file system, offline. Crops need the source PDF: it is found by its sha256 among the --source paths, else as sources/<input file> near the folder; without it the page has no crops and says so.",
  positionals: [{ name: "OUT_DIR", description: "an extraction folder (out/NAME) written by yanbao extract" }],
  options: {
    source: {
      type: "string",
      value: "FILE",
      description: "the source PDF, or a folder holding it (checked by its sha256)",
    },
    out: { type: "string", value: "DIR", shownDefault: "OUT_DIR/review", description: "where to write the page" },
    open: {
      type: "boolean",
      description: "open the page in the default browser afterwards ($BROWSER, else xdg-open / open / start)",
    },
  },
  exitCodes: [
    [0, "the page was written"],
    [2, "bad usage, or the extraction folder cannot be read"],
  ],
});

export async function reviewCommand(args: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseCommand<typeof reviewDefinition.options>>;
  try {
    parsed = parseCommand(reviewDefinition, args);
  } catch (e) {
    console.error(`review: ${(e as Error).message}\n${helpText(reviewDefinition)}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(helpText(reviewDefinition));
    return 0;
  }
  if (positionals.length !== 1) {
    console.error(`review: give one extraction folder (got ${positionals.length})\n${helpText(reviewDefinition)}`);
    return 2;
  }
  const dir = positionals[0]!;
  const started = performance.now();
  let result: ReviewResult;
  try {
    result = await buildReview(dir, {
      ...(values.out && { out: values.out }),
      ...(values.source && { sources: [values.source] }),
    });
  } catch (e) {
    if (!(e instanceof ReviewInputError)) throw e;
    console.error(`review: error: ${e.message}`);
    return 2;
  }
  if (result.note) console.error(`review: ${result.note}`);
  const page = join(result.out, "index.html");
  const images = [...result.files.keys()].filter((f) => f.startsWith("img/")).length;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `${relative(process.cwd(), page) || page}: ${images} images, ${(result.bytes / 1024).toFixed(0)} KiB in ${seconds} s${result.source ? ` (crops from ${relative(process.cwd(), result.source)})` : ""}`,
  );
  if (values.open) openInBrowser(pathToFileURL(page).href);
  return 0;
}

/** The platform's way to open a file in the user's browser; $BROWSER first. Never waits for it. */
function openInBrowser(url: string): void {
  const [command, ...args] = process.env.BROWSER
    ? [process.env.BROWSER, url]
    : process.platform === "darwin"
      ? ["open", url]
      : process.platform === "win32"
        ? ["cmd", "/c", "start", "", url]
        : ["xdg-open", url];
  const child = spawn(command!, args, { detached: true, stdio: "ignore" });
  child.on("error", (e) =>
    console.error(`review: could not open a browser (${command}: ${e.message}); open ${url} by hand`),
  );
  child.unref();
}
