import type { Context } from "hono";
import { type SSEStreamingApi, streamSSE } from "hono/streaming";
import type { StreamSlot } from "./OpenStreams.js";

/** A comment line this often keeps proxies from closing a quiet stream. */
const KEEPALIVE_MS = 25_000;
/** Changes queued for one stream before it is sent a fresh snapshot instead. */
const MAX_PENDING_CHANGES = 1_000;

/** What a stream follows: changes as they happen, and the whole state to start from. */
interface TChangeSource<Change> {
  subscribe(listener: (change: Change) => void): () => void;
  snapshot(): Promise<unknown>;
}

/**
 * A Server-Sent Events answer (same origin, so the strict CSP's
 * `connect-src 'self'` covers it): a `snapshot` event, then one `change`
 * event per change heard. Changes wait in a bounded queue while the socket
 * is busy; a reader too slow to keep up gets a fresh snapshot instead of an
 * ever longer queue. Used by the presence list, the calls board and comments.
 * The stream holds `slot` (see OpenStreams) while it is open, and stops the
 * moment its holder's access ends, with nothing more sent.
 */
export function changeStream<Change>(c: Context, slot: StreamSlot, source: TChangeSource<Change>): Response {
  c.header("Cache-Control", "no-store");
  return streamSSE(c, async (stream) => {
    // Aborting drops what is queued or mid-write; the response then ends and the client reconnects.
    slot.onEnd(() => stream.abort());
    try {
      await follow(stream, source);
    } finally {
      slot.release();
    }
  });
}

/** Sends the snapshot, then the changes, until the client leaves or the stream is aborted. */
async function follow<Change>(stream: SSEStreamingApi, source: TChangeSource<Change>): Promise<void> {
  if (stream.aborted) return;
  let pending: string[] = [];
  let behind = false;
  let wake: (() => void) | undefined;
  // Subscribed before the snapshot is read, so nothing between the two is missed.
  const unsubscribe = source.subscribe((change) => {
    if (pending.length >= MAX_PENDING_CHANGES) {
      pending = [];
      behind = true;
    } else if (!behind) {
      pending.push(JSON.stringify(change));
    }
    wake?.();
  });
  stream.onAbort(() => {
    unsubscribe();
    wake?.();
  });
  const snapshot = async () =>
    stream.writeSSE({ event: "snapshot", data: JSON.stringify(await source.snapshot()) });
  await snapshot();
  while (!stream.aborted) {
    if (behind) {
      behind = false;
      await snapshot();
      continue;
    }
    const data = pending.shift();
    if (data !== undefined) {
      await stream.writeSSE({ event: "change", data });
      continue;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    await new Promise<void>((resolve) => {
      wake = resolve;
      timer = setTimeout(resolve, KEEPALIVE_MS);
    });
    clearTimeout(timer);
    wake = undefined;
    if (pending.length === 0 && !behind && !stream.aborted) await stream.write(": keep-alive\n\n");
  }
  unsubscribe();
}
