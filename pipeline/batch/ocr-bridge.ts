// One OCR pool for the whole batch: the pool (tesseract.js workers sized to the cores, its cache and time limits)
// lives in the main thread, and each extraction thread gets a stand-in that forwards its recognitions over a
// MessagePort. Without it every extraction thread would start a pool of its own (threads × cores engines).
import type { MessagePort } from "node:worker_threads";
import type { OcrJob, OcrOutcome, OcrPool, OcrService } from "../ocr/pool.ts";

type Prepared = ReturnType<OcrJob["prepare"]>;

type Key = { pixels: string; settings: string; psm: OcrJob["psm"] };
type Ask = { op: "engine" } | ({ op: "lookup" } & Key) | ({ op: "recognize"; prepared: Prepared } & Key);
type Request = Ask & { id: number };
type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

/** Main thread: answer the requests of one extraction thread from the pool that `pool` gives (the batch's one,
 * which recognises an image asked for by two threads at once only once). */
export function serveOcr(pool: () => Promise<OcrPool>, port: MessagePort): void {
  port.on("message", async (req: Request) => {
    try {
      const ocr = await pool();
      const key = req.op === "engine" ? null : { pixels: req.pixels, settings: req.settings, psm: req.psm };
      const value =
        req.op === "engine"
          ? await ocr.engineId()
          : req.op === "lookup"
            ? await ocr.lookup(key!)
            : await ocr.recognize({ ...key!, prepare: () => req.prepared });
      port.postMessage({ id: req.id, ok: true, value } satisfies Reply);
    } catch (e) {
      port.postMessage({ id: req.id, ok: false, error: String((e as Error)?.message ?? e) } satisfies Reply);
    }
  });
  port.unref();
}

/** Extraction thread: a stand-in for the pool that sends its work to the main thread's pool. It asks the pool's
 * cache first; only an image it does not hold is prepared here (preparation is CPU work, and `prepare` is a
 * function, which cannot cross threads) and sent. It has no cache of its own: the whole-document entry is not
 * kept for batch runs (their re-runs are skipped by the manifest instead). */
export function ocrClient(port: MessagePort): OcrService {
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let next = 0;
  port.on("message", (reply: Reply) => {
    const w = waiting.get(reply.id);
    waiting.delete(reply.id);
    if (reply.ok) w?.resolve(reply.value);
    else w?.reject(new Error(reply.error));
    if (waiting.size === 0) port.unref();
  });
  const ask = <T>(req: Ask): Promise<T> =>
    new Promise((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      port.ref();
      port.postMessage({ ...req, id });
    });
  return {
    engineId: () => ask<string>({ op: "engine" }),
    recognize: async (job: OcrJob) => {
      const key = { pixels: job.pixels, settings: job.settings, psm: job.psm };
      return (
        (await ask<OcrOutcome | null>({ op: "lookup", ...key })) ??
        ask<OcrOutcome>({ op: "recognize", ...key, prepared: job.prepare() })
      );
    },
  };
}
