// Test time limits: extracting the seed PDF recognises its 39 raster images (OCR) on a cold cache (~10 s on two
// cores), so the golden and accuracy tests need more than vitest's default 5 s. Warm runs use .cache/ocr/.
import { defineConfig } from "vitest/config";

export default defineConfig({ test: { testTimeout: 120_000, hookTimeout: 300_000 } });
