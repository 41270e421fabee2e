// Pieces every part of the review page uses: escaping, numbers as written in attributes, doubt badges, a crop
// with its overlay, and JSON embedded in a script element. Pure.
import type { Level } from "./doubt.ts";
import { LEVEL_TEXT } from "./doubt.ts";
import type { Region } from "./regions.ts";

/** A crop as the page shows it: its region on the page and its size in pixels (the file is img/NAME.png). */
export interface CropInfo {
  region: Region;
  width: number;
  height: number;
}

const ESC: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const esc = (s: string | number | null | undefined): string =>
  String(s ?? "").replace(/[&<>"']/g, (c) => ESC[c]!);

/** A coordinate in an attribute: rounded to 0.1, no trailing zeros. */
export const n = (v: number): string => String(Math.round(v * 10) / 10);

export const badge = (level: Level): string => `<span class="badge doubt-${level}">${LEVEL_TEXT[level]}</span>`;

/** JSON inside <script type="application/json">: "<" escaped so no text can close the element. */
export const jsonScript = (cls: string, value: unknown): string =>
  `<script type="application/json" class="${cls}">${JSON.stringify(value).replace(/</g, "\\u003c")}</script>`;

/** The crop image with an SVG over it in the page's own coordinates (PDF points), holding `shapes`. */
export function cropFigure(name: string, crop: CropInfo, shapes: string, caption: string): string {
  const { region: r, width, height } = crop;
  const box = `data-page="${r.page}" data-x0="${r.x0}" data-y0="${r.y0}" data-x1="${r.x1}" data-y1="${r.y1}"`;
  return [
    `<figure class="crop" ${box}>`,
    `<div class="stage"><img src="img/${esc(name)}.png" width="${width}" height="${height}" alt="${esc(caption)}">`,
    `<svg viewBox="${r.x0} ${r.y0} ${r.x1 - r.x0} ${r.y1 - r.y0}" preserveAspectRatio="none" aria-hidden="true">${shapes}</svg></div>`,
    `<figcaption>${esc(caption)}</figcaption></figure>`,
  ].join("");
}

export const rect = (cls: string, b: { x0: number; y0: number; x1: number; y1: number }, extra = ""): string =>
  `<rect class="${cls}" x="${n(b.x0)}" y="${n(b.y0)}" width="${n(b.x1 - b.x0)}" height="${n(b.y1 - b.y0)}"${extra}/>`;

/** A list of problems, worst first as filed. */
export function problemList(
  problems: { severity: string; code: string; message: string; where?: string | null }[],
): string {
  if (problems.length === 0) return "";
  const items = problems.map(
    (p) =>
      `<li class="doubt-${p.severity}"><span class="sev">${esc(p.severity)}</span> <code>${esc(p.code)}</code>${p.where ? ` <span class="where">${esc(p.where)}</span>` : ""}: ${esc(p.message)}</li>`,
  );
  return `<ul class="problems">${items.join("")}</ul>`;
}

export const anchorOf = (kind: "t" | "c", id: string) => `${kind}-${id}`;
