// Recognised words for chart and scan tests: an OCR word with its box in image pixels.
import type { OcrWord } from "../../schemas/index.ts";

export const ocrWord = (text: string, x0: number, y0: number, x1: number, y1: number, confidence = 0.9): OcrWord => ({
  text,
  x0,
  y0,
  x1,
  y1,
  line: 0,
  confidence,
});
