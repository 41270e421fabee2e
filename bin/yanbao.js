#!/usr/bin/env -S node --single-threaded-gc
// The `yanbao` command (package.json "bin"): runs pipeline/cli.ts through tsx's loader. Garbage collection on
// the thread that allocates (V8's --single-threaded-gc, in the line above: setting it at run time crashes V8 on
// Node 22): V8's helper threads cost a batch more CPU than they saved (docs/batch.md).
import { register } from "tsx/esm/api";

register();
await import("../pipeline/cli.ts");
