// The meta stage lives in stages/cover/ (one file per fact family); this is the name the stage list imports.
export { coverLines, isoDate, readCover, readMeta } from "./cover/index.ts";
