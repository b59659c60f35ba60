import WebSocket from "ws";
import { type MemorySample, probeMemory } from "../bench/memory.js";
import type { BenchServer } from "../bench/servers.js";
import { closeAll, openBareSocket } from "../bench/sockets.js";
import { connectClient, readText, type TestClient, waitFor } from "../support/clients.js";
import { sleep } from "../support/ports.js";

export interface SoakOptions {
  /** Sockets held open throughout: one writer per document, the rest readers. */
  connections: number;
  documents: number;
  /** Steady load before the first heap reading, so start-up allocations are not counted as growth. */
  warmupMs: number;
  /** Steady load between the two heap readings. */
  durationMs: number;
  /** Edits per second, all writers together. */
  editsPerSecond: number;
  /** Reader sockets closed and opened again per second (a writer reconnects for every ten). */
  churnPerSecond: number;
  /** Largest heap growth allowed between the readings, as a fraction. */
  maxHeapGrowth: number;
  log: (line: string) => void;
}

export const defaultSoak: SoakOptions = {
  connections: 2_000,
  documents: 200,
  warmupMs: 60_000,
  durationMs: 9 * 60_000,
  editsPerSecond: 100,
  churnPerSecond: 20,
  maxHeapGrowth: 0.1,
  log: (line) => console.log(line),
};

export interface SoakResult {
  start: MemorySample;
  end: MemorySample;
  /** (end − start) / start of the heap after GC. */
  heapGrowth: number;
  edits: number;
  churned: number;
  writerReconnects: number;
  /** Closes the server started (any code), which a healthy soak never sees. */
  serverCloses: Map<number, number>;
  /** Documents still in server memory once every client left, and how long unloading took. */
  loadedAfter: number;
  unloadMs: number;
  /** Documents whose stored text differs from their writer's. */
  mismatched: string[];
  failures: string[];
}

/** Characters a writer's text is kept under by deleting its oldest tokens: steady size, steady heap. */
const MAX_TEXT = 2_000;
const TICK_MS = 50;

/**
 * Holds `connections` sockets over `documents` documents for the whole run:
 * per document one stock y-websocket writer (edits, caret, reconnects) and
 * bare readers that churn (closed and opened again). Reads the server's
 * heap after a forced GC once warmed up and at the end, then has every
 * client leave and checks that every document is unloaded and that its
 * stored text is its writer's.
 */
export async function runSoak(server: BenchServer, options: SoakOptions): Promise<SoakResult> {
  if (!server.inspectorUrl) throw new Error("the soak needs the server started with { inspect: true }");
  const { log } = options;
  // Each stock provider adds a process 'exit' listener.
  process.setMaxListeners(options.documents + 20);
  const rooms: string[] = [];
  for (let d = 0; d < options.documents; d++) rooms.push(await server.createRoom("soak"));
  const serverCloses = new Map<number, number>();
  const countClose = (code: number) => serverCloses.set(code, (serverCloses.get(code) ?? 0) + 1);

  const writers = rooms.map((room) => {
    const writer = connectClient(server, room, { maxBackoffTime: 1_000 });
    writer.provider.awareness.setLocalStateField("user", { name: `writer of ${room.slice(0, 8)}` });
    return writer;
  });
  const readers: WebSocket[] = [];
  const openReader = async (slot: number): Promise<void> => {
    const { socket, admitted } = openBareSocket(server, rooms[slot % rooms.length] as string);
    readers[slot] = socket;
    // Codes the client itself sends (1000 on close, 1005/1006 on terminate) are ours, not the server's.
    socket.on("close", (code) => {
      if (code !== 1000 && code !== 1005 && code !== 1006) countClose(code);
    });
    if (!(await admitted)) throw new Error(`reader ${slot} was not let in by the server`);
  };
  const readerCount = options.connections - options.documents;
  for (let start = 0; start < readerCount; start += 100) {
    const batch: Promise<void>[] = [];
    for (let slot = start; slot < Math.min(readerCount, start + 100); slot++) batch.push(openReader(slot));
    await Promise.all(batch);
  }
  await waitFor(() => writers.every((writer) => writer.provider.synced), {
    timeout: 60_000,
    message: "every writer to sync",
  });
  log(`soak: ${options.connections} sockets open on ${options.documents} documents`);

  let edits = 0;
  let churned = 0;
  let writerReconnects = 0;
  const failures: string[] = [];
  let editBudget = 0;
  let churnBudget = 0;
  const load = setInterval(() => {
    editBudget += (options.editsPerSecond * TICK_MS) / 1000;
    for (; editBudget >= 1; editBudget--)
      edit(writers[Math.floor(Math.random() * writers.length)] as TestClient);
    churnBudget += (options.churnPerSecond * TICK_MS) / 1000;
    for (; churnBudget >= 1; churnBudget--) {
      const slot = Math.floor(Math.random() * readerCount);
      // A slot still connecting from an earlier churn is left alone: closing it would fail its greeting.
      if (readers[slot]?.readyState !== WebSocket.OPEN) continue;
      readers[slot]?.close();
      churned++;
      openReader(slot).catch((error: Error) => failures.push(error.message));
      if (churned % 10 === 0) {
        const writer = writers[Math.floor(Math.random() * writers.length)] as TestClient;
        writer.provider.disconnect();
        writerReconnects++;
        setTimeout(() => writer.provider.connect(), 500);
      }
    }
  }, TICK_MS);
  const edit = (writer: TestClient) => {
    const { ytext } = writer;
    ytext.insert(ytext.length, `<${++edits}>`);
    if (ytext.length > MAX_TEXT) ytext.delete(0, ytext.toString().indexOf(">", ytext.length - MAX_TEXT) + 1);
    writer.provider.awareness.setLocalStateField("cursor", ytext.length);
  };

  let start: MemorySample;
  let end: MemorySample;
  try {
    await sleep(options.warmupMs);
    start = await probeMemory(server.inspectorUrl, server.pid);
    log(`soak: warmed up; heap after GC ${mib(start.heapUsedAfterGc)}, RSS ${mib(start.rss)}`);
    const started = Date.now();
    while (Date.now() - started < options.durationMs) {
      await sleep(Math.min(60_000, options.durationMs - (Date.now() - started)));
      log(`soak: ${Math.round((Date.now() - started) / 1000)} s, ${edits} edits, ${churned} reconnects`);
    }
    end = await probeMemory(server.inspectorUrl, server.pid);
  } finally {
    clearInterval(load);
  }
  const heapGrowth = (end.heapUsedAfterGc - start.heapUsedAfterGc) / start.heapUsedAfterGc;
  log(`soak: end; heap after GC ${mib(end.heapUsedAfterGc)} (${pct(heapGrowth)}), RSS ${mib(end.rss)}`);

  // Everyone leaves once the writers are connected and synced, so no edit is left only in a client.
  await waitFor(() => writers.every((writer) => writer.provider.wsconnected && writer.provider.synced), {
    timeout: 30_000,
    message: "every writer to be connected before leaving",
  });
  await sleep(1_000);
  const finalTexts = new Map(writers.map((writer, d) => [rooms[d] as string, writer.text()]));
  for (const writer of writers) writer.destroy();
  await closeAll(readers);
  const leftAt = Date.now();
  let loadedAfter = Number.NaN;
  try {
    await waitFor(
      async () => {
        loadedAfter = (await server.loadedDocuments()) ?? Number.NaN;
        return loadedAfter === 0;
      },
      { timeout: 60_000, interval: 500, message: "every document to be unloaded" },
    );
  } catch {
    failures.push(`${loadedAfter} documents still loaded 60 s after every client left`);
  }
  const unloadMs = Date.now() - leftAt;

  const mismatched: string[] = [];
  for (const [room, text] of finalTexts) {
    if ((await readText(server, room)) !== text) mismatched.push(room);
  }
  if (heapGrowth > options.maxHeapGrowth) {
    failures.push(`heap after GC grew ${pct(heapGrowth)} (over ${pct(options.maxHeapGrowth)})`);
  }
  if (serverCloses.size > 0) failures.push(`the server closed sockets: ${JSON.stringify([...serverCloses])}`);
  if (mismatched.length > 0)
    failures.push(`${mismatched.length} documents stored other text than their writer's`);
  return {
    start,
    end,
    heapGrowth,
    edits,
    churned,
    writerReconnects,
    serverCloses,
    loadedAfter,
    unloadMs,
    mismatched,
    failures,
  };
}

function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

function pct(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}
