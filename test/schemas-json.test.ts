import { readFile } from "node:fs/promises";
import { expect, it } from "vitest";
import { jsonSchemas } from "../schemas/json.ts";

it("the committed JSON Schema files are generated from the current zod schemas (npm run schemas)", async () => {
  for (const [name, schema] of jsonSchemas()) {
    expect(await readFile(`schemas/json/${name}`, "utf8"), name).toBe(`${JSON.stringify(schema, null, 2)}\n`);
  }
});
