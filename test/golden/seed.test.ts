// Golden test: extracting every report in sources/ gives exactly the committed files in out/.
// Regenerate on purpose with `npm run extract` and review the diff like code.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { extract, joinText, outputName } from "../../pipeline/index.ts";
import { textChunks } from "../../pipeline/stages/emit-text.ts";

const sources = (await readdir("sources")).filter((n) => !n.startsWith(".")).sort();

async function listFiles(dir: string, prefix = ""): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) =>
      e.isDirectory() ? listFiles(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
    ),
  );
  return nested.flat().sort();
}

describe.each(sources)("golden extraction of %s", (name) => {
  it("matches out/ byte for byte, file set included", async () => {
    const { files } = await extract(join("sources", name));
    const dir = join("out", outputName(name));
    expect([...files.keys()].sort()).toEqual(await listFiles(dir));
    for (const [path, text] of files) {
      const where = `out/${outputName(name)}/${path}`;
      // The workbook is binary: compared byte for byte; text files as text, for a readable diff.
      if (path.endsWith(".xlsx"))
        expect(
          Buffer.concat(textChunks(text).map((c) => Buffer.from(c))).equals(await readFile(join(dir, path))),
          where,
        ).toBe(true);
      else expect(joinText(text), where).toBe(await readFile(join(dir, path), "utf8"));
    }
  });

  it("is deterministic: two runs give identical bytes", async () => {
    const a = await extract(join("sources", name));
    const b = await extract(join("sources", name));
    expect([...a.files]).toEqual([...b.files]);
  });
});
