import WebSocket from "ws";
import { readRss } from "../support/processStats.js";

/** A server process's memory at one moment, in bytes. */
export interface MemorySample {
  /** V8 heap in use right after a full, forced garbage collection. */
  heapUsedAfterGc: number;
  /** Resident set size from /proc/<pid>/status (VmRSS), read after the same GC. */
  rss: number;
}

const PROBE_TIMEOUT_MS = 15_000;

/**
 * Forces a full GC in another Node process through its inspector (the
 * DevTools protocol on 127.0.0.1) and reads its heap, then reads its RSS
 * from /proc. The inspector works the same on both servers without adding
 * an endpoint to either, and collects as thoroughly as `--expose-gc`'s gc().
 */
export async function probeMemory(inspectorUrl: string, pid: number): Promise<MemorySample> {
  const session = await openSession(inspectorUrl);
  try {
    await session.call("HeapProfiler.enable");
    // Twice: the first pass can leave objects with finalizers for the second.
    await session.call("HeapProfiler.collectGarbage");
    await session.call("HeapProfiler.collectGarbage");
    const usage = (await session.call("Runtime.getHeapUsage")) as { usedSize: number };
    await session.call("HeapProfiler.disable");
    return { heapUsedAfterGc: usage.usedSize, rss: readRss(pid) };
  } finally {
    session.close();
  }
}

interface Session {
  call(method: string, params?: object): Promise<unknown>;
  close(): void;
}

function openSession(url: string): Promise<Session> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
    let nextId = 1;
    ws.on("message", (data: Buffer) => {
      const message = JSON.parse(data.toString()) as {
        id?: number;
        result?: unknown;
        error?: { message: string };
      };
      const waiter = message.id === undefined ? undefined : pending.get(message.id);
      if (!waiter || message.id === undefined) return;
      pending.delete(message.id);
      if (message.error) waiter.reject(new Error(message.error.message));
      else waiter.resolve(message.result);
    });
    ws.once("error", reject);
    ws.once("close", () => {
      for (const waiter of pending.values()) waiter.reject(new Error("inspector session closed"));
      pending.clear();
    });
    ws.once("open", () =>
      resolve({
        call(method, params = {}) {
          const id = nextId++;
          return new Promise((resolveCall, rejectCall) => {
            const timer = setTimeout(() => {
              pending.delete(id);
              rejectCall(new Error(`${method} took longer than ${PROBE_TIMEOUT_MS} ms`));
            }, PROBE_TIMEOUT_MS);
            pending.set(id, {
              resolve: (value) => {
                clearTimeout(timer);
                resolveCall(value);
              },
              reject: (error) => {
                clearTimeout(timer);
                rejectCall(error);
              },
            });
            ws.send(JSON.stringify({ id, method, params }));
          });
        },
        close: () => ws.close(),
      }),
    );
  });
}
