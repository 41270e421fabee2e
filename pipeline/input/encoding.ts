// Byte-level decoding of text reports. Chinese reports arrive as UTF-8, UTF-16 (Windows
// "Unicode" saves) or legacy GBK/GB2312; GB18030 is a superset of both, and Node's
// TextDecoder supports it, so no extra dependency is needed.

export interface Decoded {
  text: string;
  encoding: "utf-8" | "utf-16le" | "utf-16be" | "gb18030";
  bom: boolean;
}

export class UnreadableInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnreadableInputError";
  }
}

const ADVICE = "convert it to UTF-8 text or give the PDF";
// Real text has almost no control characters; random binary has ~11% in the C0 range alone.
const MAX_CONTROL_SHARE = 0.05;
// A GB18030 decode "succeeds" on many byte soups; require nearly all characters to be ones
// that occur in Chinese reports before trusting it.
const MIN_PLAUSIBLE_SHARE = 0.95;

function decode(encoding: string, bytes: Uint8Array): string | null {
  try {
    // ignoreBOM: false (default) strips a leading BOM for us.
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** C0 (except tab, LF, FF, CR), DEL and C1 controls. */
function isControl(code: number): boolean {
  if (code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d) return false;
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}

function controlShare(text: string): number {
  let n = 0;
  let total = 0;
  for (const ch of text) {
    total++;
    if (isControl(ch.codePointAt(0)!)) n++;
  }
  return total === 0 ? 0 : n / total;
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** Character ranges found in Chinese text (GBK repertoire that reports actually use). */
function isPlausibleChar(code: number): boolean {
  if (code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d) return true;
  return (
    (code >= 0x20 && code < 0x7f) ||
    (code >= 0xa0 && code <= 0xff) || // ° ± × ÷ ·
    (code >= 0x370 && code <= 0x3ff) || // Greek (α, β in finance)
    (code >= 0x2000 && code <= 0x27bf) || // punctuation, ‰, ①, arrows, maths, boxes, ■
    (code >= 0x3000 && code <= 0x312f) || // CJK punctuation, kana, bopomofo
    (code >= 0x3200 && code <= 0x33ff) || // enclosed CJK, ㎡
    (code >= 0x3400 && code <= 0x4dbf) || // CJK ext. A
    (code >= 0x4e00 && code <= 0x9fff) || // CJK unified
    (code >= 0xf900 && code <= 0xfaff) || // CJK compatibility
    (code >= 0xfe30 && code <= 0xfe4f) || // CJK compatibility forms
    (code >= 0xff00 && code <= 0xffef) // full-width forms
  );
}

function plausibleShare(text: string): number {
  let good = 0;
  let total = 0;
  for (const ch of text) {
    total++;
    if (isPlausibleChar(ch.codePointAt(0)!)) good++;
  }
  return total === 0 ? 1 : good / total;
}

function normaliseNewlines(text: string): string {
  return text.replace(/\r\n?/g, "\n");
}

function checkControls(text: string): void {
  const share = controlShare(text);
  if (share > MAX_CONTROL_SHARE) {
    throw new UnreadableInputError(
      `not a text file: ${percent(share)} of characters are control characters; ${ADVICE}`,
    );
  }
}

function decodeUtf16(bytes: Uint8Array, encoding: "utf-16le" | "utf-16be"): Decoded {
  const text = decode(encoding, bytes);
  if (text === null) {
    throw new UnreadableInputError(
      `not a text file: it starts with a ${encoding.toUpperCase()} byte-order mark but the rest is not valid ${encoding.toUpperCase()}; ${ADVICE}`,
    );
  }
  if (text.includes("\0")) {
    throw new UnreadableInputError(`not a text file: it contains NUL characters; ${ADVICE}`);
  }
  checkControls(text);
  return { text: normaliseNewlines(text), encoding, bom: true };
}

/** Decode a text report; throws UnreadableInputError when the bytes are not text. */
export function decodeText(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) {
    throw new UnreadableInputError("empty file: there is nothing to read; check that the right file was given");
  }
  const [b0, b1, b2] = bytes;
  if (b0 === 0xff && b1 === 0xfe) return decodeUtf16(bytes, "utf-16le");
  if (b0 === 0xfe && b1 === 0xff) return decodeUtf16(bytes, "utf-16be");
  const bom = b0 === 0xef && b1 === 0xbb && b2 === 0xbf;

  // NUL never occurs in UTF-8/GB18030 text; it marks binary data or BOM-less UTF-16.
  const nuls = bytes.indexOf(0);
  if (nuls >= 0) {
    throw new UnreadableInputError(
      `not a text file: it contains NUL bytes (first at byte ${nuls}), so it is binary data or UTF-16 without a byte-order mark; ${ADVICE}`,
    );
  }

  const utf8 = decode("utf-8", bytes);
  if (utf8 !== null) {
    checkControls(utf8);
    return { text: normaliseNewlines(utf8), encoding: "utf-8", bom };
  }
  if (bom) {
    throw new UnreadableInputError(
      `not a text file: it starts with a UTF-8 byte-order mark but is not valid UTF-8; ${ADVICE}`,
    );
  }

  const gb = decode("gb18030", bytes);
  if (gb !== null) {
    checkControls(gb);
    const share = plausibleShare(gb);
    if (share >= MIN_PLAUSIBLE_SHARE) {
      return { text: normaliseNewlines(gb), encoding: "gb18030", bom: false };
    }
    throw new UnreadableInputError(
      `not a text file: it is not valid UTF-8, and read as GB18030 only ${percent(share)} of characters are usual Chinese/ASCII text; ${ADVICE}`,
    );
  }
  throw new UnreadableInputError(`not a text file: the bytes are neither valid UTF-8 nor GB18030/GBK; ${ADVICE}`);
}
