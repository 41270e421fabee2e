export * from "./problem.ts";
export * from "./layout.ts";
export * from "./report.ts";
