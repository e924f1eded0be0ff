// File downloads from the API: attachment headers, and a body streamed from batches read one transaction at
// a time, so a large export neither holds a transaction open for the whole download nor sits in memory.
import { logger } from "../logger";

/** `Content-Disposition: attachment` with a file name safe to put in the header. */
export function downloadHeaders(fileName: string, contentType: string, requestId: string, extra: Record<string, string> = {}): HeadersInit {
  const safe = fileName.replace(/[^\w.-]/g, "_");
  return {
    "Content-Type": contentType,
    "Content-Disposition": `attachment; filename="${safe}"`,
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "X-Request-Id": requestId,
    ...extra,
  };
}

/** The chunks as a UTF-8 byte stream; a failure part-way ends the download with an error (and a log line). */
export function textStream(chunks: AsyncIterable<string>, requestId: string): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const it = chunks[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { value, done } = await it.next();
        if (done) controller.close();
        else controller.enqueue(encoder.encode(value));
      } catch (e) {
        logger.error({ err: e, requestId }, "download failed part-way");
        controller.error(e);
      }
    },
    async cancel() {
      await it.return?.();
    },
  });
}

/** Today's date (UTC) for file names. */
export function fileDate(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
