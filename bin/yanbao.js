#!/usr/bin/env node
// The `yanbao` command (package.json "bin"): runs pipeline/cli.ts through tsx's loader. Garbage collection on
// the thread that allocates (V8's --single-threaded-gc, set before any extraction thread starts): V8's helper
// threads cost a batch more CPU than they saved (docs/batch.md).
import { setFlagsFromString } from "node:v8";
import { register } from "tsx/esm/api";

setFlagsFromString("--single-threaded-gc");
register();
await import("../pipeline/cli.ts");
