#!/usr/bin/env -S MALLOC_ARENA_MAX=2 node --single-threaded-gc
// The `yanbao` command (package.json "bin"). It runs the JavaScript that `npm run build` compiled into dist/ (a
// start in a third of the time and half the memory of compiling TypeScript on each start), unless a source file is
// newer than that build: then it runs the TypeScript itself through tsx, so a stale build is never used.
// Garbage collection on the thread that allocates (V8's --single-threaded-gc, in the line above: setting it at run
// time crashes V8 on Node 22): V8's helper threads cost a batch more CPU than they saved (docs/batch.md).
// Two malloc arenas (glibc reads MALLOC_ARENA_MAX when the process starts, hence the line above): each OCR and
// extraction thread otherwise gets arenas of its own, and a long scan peaked some 70 MB higher.
import { readdirSync, statSync } from "node:fs";
import { enableCompileCache } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const built = join(root, "dist/pipeline/cli.js");

/** The newest modification time of the sources the build is made from: pipeline/ (code and vocabulary) and the
 * schemas' code (not schemas/json/, which `yanbao schemas` writes). */
function newest() {
  let latest = 0;
  for (const dir of ["pipeline", "schemas"]) {
    for (const entry of readdirSync(join(root, dir), { recursive: true, withFileTypes: true })) {
      if (entry.isFile() && (dir === "pipeline" || entry.name.endsWith(".ts")))
        latest = Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return latest;
}

const buildTime = (() => {
  try {
    return statSync(built).mtimeMs;
  } catch {
    return -1;
  }
})();

if (buildTime >= newest()) {
  // V8's compiled code of the modules is kept in Node's on-disk compile cache (in the system's temporary folder;
  // NODE_DISABLE_COMPILE_CACHE=1 turns it off): later starts skip compiling them. The extraction threads enable it
  // for themselves (pipeline/batch/pool.ts).
  enableCompileCache?.();
  await import(built);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../pipeline/cli.ts");
}
