// The industry (行业：计算机, or an industry word alone near the top) and the related reports listed on the cover.
import type { Meta } from "../../../schemas/index.ts";
import { coverByLanguage } from "../../vocab/cover.ts";
import type { CoverLine } from "./lines.ts";
import { isoDate, plain } from "./text.ts";

// Industry words are Chinese only so far: the English sector lines (China Internet) are not a closed list.
const { industries, industry_labels } = coverByLanguage.zh;
const byLength = [...industries].sort((a, b) => b.length - a.length);

export function readIndustry(lines: CoverLine[]): string | null {
  for (const l of lines) {
    for (const label of industry_labels) {
      const m = new RegExp(`^${label}\\s*[：:]\\s*(.+)$`).exec(l.text);
      if (!m) continue;
      const rest = (m[1] ?? "").trim();
      return byLength.find((i) => rest.startsWith(i)) ?? rest.split(/[\s，,]/)[0] ?? null;
    }
  }
  return lines.slice(0, 5).find((l) => industries.includes(plain(l.text)))?.text ?? null;
}

export function readRelatedReports(lines: CoverLine[]): Meta["related_reports"] {
  return lines.flatMap((l) => {
    const m = /^(?:[-•·*]\s*|\d+[.、]?\s*)?《(.+?)》\s*[，,]?\s*(.*)$/.exec(l.text);
    return m ? [{ title: (m[1] ?? "").trim(), date: isoDate(m[2] ?? "") }] : [];
  });
}
