import { describe, expect, it } from "vitest";
import { decodeText, UnreadableInputError } from "../pipeline/input/encoding.ts";

const bytes = (...b: number[]) => new Uint8Array(b);
const utf8 = (s: string) => new TextEncoder().encode(s);
// Known GBK byte sequences (Node has no GB encoder).
const NI_HAO = [0xc4, 0xe3, 0xba, 0xc3]; // 你好
const YAN_BAO = [0xd1, 0xd0, 0xb1, 0xa8]; // 研报

function throwsUnreadable(input: Uint8Array, pattern: RegExp) {
  expect(() => decodeText(input)).toThrow(UnreadableInputError);
  expect(() => decodeText(input)).toThrow(pattern);
}

describe("decodeText", () => {
  it("reads UTF-8 without BOM", () => {
    expect(decodeText(utf8("营业收入 123.4亿元"))).toEqual({
      text: "营业收入 123.4亿元",
      encoding: "utf-8",
      bom: false,
    });
  });

  it("reads UTF-8 with BOM and strips it", () => {
    const d = decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("研报")]));
    expect(d).toEqual({ text: "研报", encoding: "utf-8", bom: true });
  });

  it("normalises CRLF and CR line endings", () => {
    expect(decodeText(utf8("a\r\nb\rc\n")).text).toBe("a\nb\nc\n");
  });

  it("reads UTF-16LE and UTF-16BE with BOM", () => {
    expect(decodeText(bytes(0xff, 0xfe, 0x60, 0x4f, 0x0d, 0x00, 0x0a, 0x00, 0x7d, 0x59))).toEqual({
      text: "你\n好",
      encoding: "utf-16le",
      bom: true,
    });
    expect(decodeText(bytes(0xfe, 0xff, 0x4f, 0x60, 0x59, 0x7d))).toEqual({
      text: "你好",
      encoding: "utf-16be",
      bom: true,
    });
  });

  it("falls back to GB18030 for GBK bytes", () => {
    const d = decodeText(bytes(...YAN_BAO, 0x3a, 0x20, ...NI_HAO, 0x0d, 0x0a, 0x32, 0x30, 0x32, 0x31));
    expect(d).toEqual({ text: "研报: 你好\n2021", encoding: "gb18030", bom: false });
  });

  it("rejects empty input", () => {
    throwsUnreadable(new Uint8Array(0), /^empty file/);
  });

  it("rejects binary data with NUL bytes", () => {
    throwsUnreadable(bytes(0x25, 0x50, 0x44, 0x46, 0x00, 0x01, 0x02, 0xff), /NUL bytes.*give the PDF/);
  });

  it("rejects pseudo-random binary", () => {
    // Deterministic LCG so the test is reproducible.
    const b = new Uint8Array(4096);
    let x = 12345;
    for (let i = 0; i < b.length; i++) {
      x = (x * 1103515245 + 12345) >>> 0;
      b[i] = x >>> 24;
    }
    throwsUnreadable(b, /^not a text file/);
  });

  it("rejects text that is mostly control characters", () => {
    throwsUnreadable(
      utf8("ab\x01\x02\x03\x04cd\x05\x06"),
      /60% of characters are control characters; convert it to UTF-8/,
    );
  });

  it("rejects bytes that are neither UTF-8 nor GB18030", () => {
    // 0xff is never valid in either encoding.
    throwsUnreadable(bytes(0x61, 0xff, 0x62), /neither valid UTF-8 nor GB18030/);
  });

  it("rejects GB18030 decodes that are not plausible Chinese text", () => {
    // 0xAA 0xA1 is GBK's user-defined area -> private-use characters.
    const pua = new Uint8Array(Array.from({ length: 20 }, () => [0xaa, 0xa1]).flat());
    throwsUnreadable(pua, /GB18030 only 0% of characters/);
  });

  it("rejects a UTF-16 BOM followed by an odd byte count", () => {
    throwsUnreadable(bytes(0xff, 0xfe, 0x41), /UTF-16LE/);
  });
});
