// The one rule for joining positioned text, shared by the text lines (layout) and table cells (tables): a space
// where the gap between two runs is wider than a space, never between two CJK characters.

/** A space is written between two runs when the gap exceeds this share of the font size. */
export const SPACE_GAP = 0.15;

const CJK_CHAR =
  /[\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u31bf\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]|[\ud840-\ud87f][\udc00-\udfff]/u;
export const isCjk = (ch: string | undefined): boolean => !!ch && CJK_CHAR.test(ch);
export const firstChar = (s: string) => Array.from(s)[0];
export const lastChar = (s: string) => Array.from(s).at(-1);

/** Join two pieces of text read left to right with the given gap (in font sizes) between them. */
export function joinRuns(left: string, right: string, gap: number): string {
  if (left === "") return right;
  const needsSpace =
    gap > SPACE_GAP &&
    !(isCjk(lastChar(left)) && isCjk(firstChar(right))) &&
    !left.endsWith(" ") &&
    !right.startsWith(" ");
  return needsSpace ? `${left} ${right}` : left + right;
}
