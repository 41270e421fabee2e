// The review page's style sheet, written beside the page as review.css (a module, not a file read at run time, so
// that the compiled build carries it). Dark text on light backgrounds, every pair of colours at a contrast of at
// least 4.5:1 (the browser test measures it); doubt is shown by a word and a border style as well as by colour.
export const STYLE = String.raw`:root {
  --ink: #1b1f24;
  --muted: #4a5360;
  --paper: #ffffff;
  --panel: #f4f6f8;
  --line: #c9d1da;
  --link: #0b57b5;
  --error: #9b1c1c;
  --error-bg: #fde8e8;
  --warning: #7a4b00;
  --warning-bg: #fff4d6;
  --info: #1d5a8c;
  --info-bg: #e6f0fa;
  --ok: #1f6a3a;
  --ok-bg: #e5f4ea;
  --focus: #d35400;
}
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, "Noto Sans CJK SC", "Noto Sans", sans-serif; color: var(--ink); background: var(--paper); }
a { color: var(--link); }
a:focus-visible, button:focus-visible, td:focus-visible, summary:focus-visible { outline: 3px solid var(--focus); outline-offset: 1px; }
.skip { position: absolute; left: -999px; top: 0; background: var(--paper); padding: 4px 8px; }
.skip:focus { left: 8px; }
header { padding: 12px 20px; border-bottom: 1px solid var(--line); background: var(--panel); }
header h1 { margin: 0 0 4px; font-size: 20px; }
.facts { color: var(--muted); margin: 2px 0 8px; }
.note { background: var(--warning-bg); color: var(--warning); border-left: 4px solid var(--warning); padding: 6px 10px; margin: 6px 0; }
.layout { display: flex; align-items: flex-start; }
nav { position: sticky; top: 0; max-height: 100vh; overflow: auto; width: 200px; flex: none; padding: 8px 14px; border-right: 1px solid var(--line); background: var(--panel); }
nav h2 { font-size: 13px; margin: 12px 0 4px; }
nav ul { list-style: none; margin: 0; padding: 0; }
nav li { margin: 2px 0; }
nav .page { color: var(--muted); display: inline-block; min-width: 3.2em; }
main { flex: 1; min-width: 0; padding: 8px 20px 40px; }
section { margin-bottom: 28px; }
h2 { font-size: 18px; border-bottom: 2px solid var(--line); padding-bottom: 2px; }
h3 { font-size: 15px; margin: 0 0 2px; }
.id { color: var(--muted); font-weight: normal; font-size: 12px; }
.counts { display: flex; flex-wrap: wrap; gap: 8px; margin: 0 0 12px; }
.counts div { background: var(--panel); border: 1px solid var(--line); padding: 6px 12px; min-width: 90px; }
.counts dt { color: var(--muted); font-size: 12px; }
.counts dd { margin: 0; font-size: 20px; font-weight: 600; }
.count-errors dd { color: var(--error); }
.count-warnings dd { color: var(--warning); }
table { border-collapse: collapse; }
th, td { border: 1px solid var(--line); padding: 2px 6px; vertical-align: top; text-align: left; }
thead th { background: var(--panel); }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
.badge { display: inline-block; white-space: nowrap; font-size: 11px; font-weight: 600; padding: 0 6px; border-radius: 8px; border: 1px solid; vertical-align: 1px; }
.badge.doubt-error { color: var(--error); background: var(--error-bg); }
.badge.doubt-warning { color: var(--warning); background: var(--warning-bg); }
.badge.doubt-info { color: var(--info); background: var(--info-bg); }
.badge.doubt-ok { color: var(--ok); background: var(--ok-bg); }
article { border: 1px solid var(--line); border-left-width: 5px; padding: 10px 12px; margin: 14px 0; background: var(--paper); }
article.doubt-error { border-left-color: var(--error); }
article.doubt-warning { border-left-color: var(--warning); border-left-style: dashed; }
article.doubt-info { border-left-color: var(--info); }
.problems { margin: 4px 0 8px; padding-left: 18px; }
.problems li.doubt-error { color: var(--error); }
.problems li.doubt-warning { color: var(--warning); }
.problems .sev { font-weight: 600; }
.problems .where { color: var(--muted); }
.pair { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
.printed { flex: 1 1 340px; max-width: 46%; }
.extracted { flex: 1 1 420px; max-width: 100%; overflow-x: auto; }
.side { margin: 0 0 4px; font-size: 12px; font-weight: 600; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
figure.crop { margin: 0 0 8px; }
.stage { position: relative; display: inline-block; max-width: 100%; border: 1px solid var(--line); }
.stage img { display: block; max-width: 100%; height: auto; }
.stage svg { position: absolute; left: 0; top: 0; width: 100%; height: 100%; }
figcaption { font-size: 12px; color: var(--muted); }
rect.tbox { fill: none; stroke: #0b57b5; stroke-width: 1.2; vector-effect: non-scaling-stroke; }
rect.cell { fill: transparent; stroke: rgba(11, 87, 181, .45); stroke-width: .6; vector-effect: non-scaling-stroke; }
rect.cell.doubt-warning { stroke: #b36b00; stroke-dasharray: 3 2; stroke-width: 1.2; }
rect.cell.doubt-error { stroke: var(--error); stroke-width: 1.6; }
rect.cell.on { fill: rgba(211, 84, 0, .22); stroke: var(--focus); stroke-width: 2.5; }
polyline.series { fill: none; stroke: #c2185b; stroke-width: 1.6; vector-effect: non-scaling-stroke; }
line.marker { stroke: #c2185b; stroke-width: 2; vector-effect: non-scaling-stroke; }
circle.marker { fill: #c2185b; }
line.marker.off { stroke: #e65100; stroke-dasharray: 3 2; }
circle.marker.off { fill: #e65100; }
.legend { font-size: 12px; color: var(--muted); }
.key { display: inline-block; width: 10px; height: 10px; border-radius: 50%; background: #c2185b; vertical-align: -1px; }
.key.off { background: #e65100; }
table.grid { font-size: 12.5px; }
table.grid th, table.grid td { padding: 1px 4px; }
table.grid td { cursor: default; }
table.grid td.doubt-warning { background: var(--warning-bg); border: 1px dashed #b36b00; }
table.grid td.doubt-error { background: var(--error-bg); border: 2px solid var(--error); }
table.grid td.missing { color: var(--muted); }
table.grid td.on, table.grid td[aria-selected="true"] { background: #ffe2cc; box-shadow: inset 0 0 0 2px var(--focus); }
table.grid tr.group th { background: var(--panel); font-style: italic; }
table.points td, table.points th { white-space: nowrap; }
table.as-printed td, table.as-printed th { font-size: 13px; }
.cell-info { margin-top: 8px; background: var(--panel); border: 1px solid var(--line); padding: 6px 10px; min-height: 2.4em; }
.cell-info .hint { margin: 0; color: var(--muted); }
.cell-info dl { display: grid; grid-template-columns: max-content 1fr; gap: 1px 12px; margin: 0; }
.cell-info dt { color: var(--muted); }
.cell-info dd { margin: 0; word-break: break-word; }
.cell-info .problem { color: var(--error); }
button { font: inherit; padding: 3px 10px; border: 1px solid var(--link); color: var(--link); background: var(--paper); border-radius: 3px; cursor: pointer; }
button:hover { background: var(--info-bg); }
.copied { color: var(--ok); }
.no-crop { color: var(--muted); font-style: italic; }
ul.pictures { list-style: none; padding: 0; }
ul.pictures li { display: flex; gap: 12px; padding: 6px 0; border-bottom: 1px solid var(--line); }
img.thumb { width: 160px; height: auto; border: 1px solid var(--line); flex: none; }
.facts-list { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; }
.facts-list dt { color: var(--muted); }
.facts-list dd { margin: 0; }
.facts-list dd.missing { color: var(--muted); font-style: italic; }
.facts-list ul { margin: 0; padding-left: 16px; }
#cover .printed { flex: 0 1 420px; }
@media (max-width: 1000px) { .printed { max-width: 100%; } }
@media (max-width: 800px) { .layout { display: block; } nav { position: static; width: auto; max-height: none; } }
`;
