// The second half of `npm run build` (after tsc has compiled pipeline/ and schemas/ into dist/): the extraction
// thread's code in one file, dist/bundle/worker.js, made by esbuild from that compiled JavaScript. A worker
// started from dist/pipeline/batch/worker.js loads some 900 modules (680 files of node_modules, most of them
// ExcelJS's and its dependencies', zod's 230): resolving and reading them took most of a one-line report's
// second. The bundle loads in a fraction of that. batch/pool.ts starts workers from it when it is at least as new as the
// compiled worker.js, else from the compiled files (a build that stopped before this step is never half used).
//
// What stays outside, loaded from node_modules as before: pdf.js (loaded by URL, in its own namespace), the
// OCR engine (tesseract.js starts threads from its own files), the canvas (native), the database drivers and the
// terminal's progress bars. Every `import.meta.url` of the compiled modules is rewritten to the URL of that
// module's compiled file in dist/, so that the paths made from it are the same as without the bundle: the project
// folder (paths.ts), the code hashed into OCR cache keys (ocr/cache.ts reads dist/pipeline/ocr/*.js: the same keys
// as the compiled files give), pdf.js's folder (input/pdf.ts).
import { readFile } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const dist = join(root, "dist");
const out = join(dist, "bundle");
const EXTERNAL = ["pdfjs-dist", "tesseract.js", "@napi-rs/canvas", "pg", "pg-boss", "cli-progress", "tsx"];

/** Each compiled module's `import.meta.url` becomes its own file's URL, made from the bundle's URL. */
const ownUrls = {
  name: "own-import-meta-url",
  setup(b) {
    b.onLoad({ filter: /\.js$/ }, async (args) => {
      if (!args.path.startsWith(dist + sep) || args.path.startsWith(out + sep)) return undefined;
      const source = await readFile(args.path, "utf8");
      if (!source.includes("import.meta.url")) return { contents: source, loader: "js" };
      const own = relative(out, args.path).split(sep).join("/");
      return {
        contents: source.replaceAll("import.meta.url", `new URL(${JSON.stringify(own)}, import.meta.url).href`),
        loader: "js",
        resolveDir: dirname(args.path),
      };
    });
  },
};

await build({
  entryPoints: { worker: join(dist, "pipeline/batch/worker.js") },
  outdir: out,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node22",
  external: EXTERNAL,
  plugins: [ownUrls],
  // The CommonJS dependencies bundled (ExcelJS and its own) call require() for Node's built-in modules.
  banner: {
    js: 'import { createRequire as __yanbaoRequire } from "node:module";\nconst require = __yanbaoRequire(import.meta.url);',
  },
  legalComments: "none",
  logLevel: "warning",
});
