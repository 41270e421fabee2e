// One OCR pool for the whole batch: the pool (tesseract.js workers sized to the cores, its cache and time limits)
// lives in the main thread, and each extraction thread gets a stand-in that forwards its recognitions over a
// MessagePort. Without it every extraction thread would start a pool of its own (threads × cores engines).
import type { MessagePort } from "node:worker_threads";
import type { OcrPool } from "../stages/ocr/index.ts";

type OcrJob = Parameters<OcrPool["recognize"]>[0];
type OcrOutcome = Awaited<ReturnType<OcrPool["recognize"]>>;
type Prepared = ReturnType<OcrJob["prepare"]>;

type Ask = { op: "engine" } | { op: "recognize"; pixels: string; settings: string; psm: OcrJob["psm"]; prepared: Prepared };
type Request = Ask & { id: number };
type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

/** Recognitions in progress per pool: the same image asked by two threads at once (two copies of a report, a logo
 * on every report) is recognised once; the pool's cache covers it afterwards. */
const inFlight = new WeakMap<OcrPool, Map<string, Promise<OcrOutcome>>>();

function recognizeOnce(pool: OcrPool, req: Extract<Request, { op: "recognize" }>): Promise<OcrOutcome> {
  const running = inFlight.get(pool) ?? new Map<string, Promise<OcrOutcome>>();
  inFlight.set(pool, running);
  const key = `${req.settings}\0${req.psm}\0${req.pixels}`;
  let outcome = running.get(key);
  if (!outcome) {
    outcome = pool.recognize({ pixels: req.pixels, settings: req.settings, psm: req.psm, prepare: () => req.prepared });
    running.set(key, outcome);
    void outcome.finally(() => running.delete(key)).catch(() => {});
  }
  return outcome;
}

/** Main thread: answer the requests of one extraction thread from `pool`. */
export function serveOcr(pool: OcrPool, port: MessagePort): void {
  port.on("message", async (req: Request) => {
    try {
      const value = req.op === "engine" ? await pool.engineId() : await recognizeOnce(pool, req);
      port.postMessage({ id: req.id, ok: true, value } satisfies Reply);
    } catch (e) {
      port.postMessage({ id: req.id, ok: false, error: String((e as Error)?.message ?? e) } satisfies Reply);
    }
  });
  port.unref();
}

/** Extraction thread: an OcrPool stand-in that sends its work to the main thread's pool. The image is prepared
 * here (preparation is CPU work, and `prepare` is a function, which cannot cross threads), so an image the cache
 * already holds is still prepared once per report. */
export function ocrClient(port: MessagePort): OcrPool {
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let next = 0;
  port.on("message", (reply: Reply) => {
    const w = waiting.get(reply.id);
    waiting.delete(reply.id);
    if (reply.ok) w?.resolve(reply.value);
    else w?.reject(new Error(reply.error));
    if (waiting.size === 0) port.unref();
  });
  const ask = <T>(req: Ask): Promise<T> => new Promise((resolve, reject) => {
    const id = next++;
    waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
    port.ref();
    port.postMessage({ ...req, id });
  });
  const client = {
    engineId: () => ask<string>({ op: "engine" }),
    recognize: (job: OcrJob) => ask<OcrOutcome>({ op: "recognize", pixels: job.pixels, settings: job.settings, psm: job.psm, prepared: job.prepare() }),
  };
  // The OCR stage calls only these two methods; OcrPool is a class, so the stand-in is cast to it.
  return client as unknown as OcrPool;
}
