export * from "./problem.ts";
export * from "./layout.ts";
export * from "./report.ts";
export * from "./pdf.ts";
export * from "./diff.ts";
export * from "./ocr.ts";
export * from "./manifest.ts";
