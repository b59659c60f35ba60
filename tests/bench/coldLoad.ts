import { performance } from "node:perf_hooks";
import * as Y from "yjs";
import { connectClient, type TestClient, waitFor, waitForStored, waitForSynced } from "../support/clients.js";
import { sleep } from "../support/ports.js";
import type { BenchServer } from "./servers.js";
import { median, round } from "./stats.js";

export interface ColdLoadOptions {
  paragraphs: number;
  deletes: number;
  repetitions: number;
}

export const defaultColdLoad: ColdLoadOptions = { paragraphs: 2_100, deletes: 200, repetitions: 7 };

export interface LoadRuns {
  /** Connect → `synced` with the full text, one entry per repetition (ms). */
  runs: number[];
  median: number;
}

export interface ColdLoadResult {
  characters: number;
  /** Size of the whole document as one Yjs update, with its deletions and client structure. */
  stateBytes: number;
  /** Transactions the document was built from (each sent to the server as it happened). */
  transactions: number;
  /** No socket open on the document before each load. */
  cold: LoadRuns;
  /** Same, with one idle socket holding the document in server memory. */
  warm: LoadRuns;
  /** Where the "cold" load came from: storage (ours, confirmed unloaded) or memory. */
  coldSource: "storage" | "memory" | "unconfirmed";
}

const LOAD_TIMEOUT_MS = 30_000;
const UNLOAD_TIMEOUT_MS = 20_000;

/**
 * Cold load of a ~200,000-character document with history. The document is
 * typed into the server through a live client, one small transaction per
 * paragraph or deletion, so the server receives and stores it the way it
 * would from people writing. Then every socket closes (ours stores and
 * unloads the document) and each repetition times a fresh client from
 * connect to `synced` with the full text.
 */
export async function measureColdLoad(
  server: BenchServer,
  options = defaultColdLoad,
): Promise<ColdLoadResult> {
  const room = await server.createRoom("cold load");
  const writer = connectClient(server, room, { stored: server.kind === "ours" });
  let transactions = 0;
  let expected = "";
  let stateBytes = 0;
  try {
    await waitForSynced(writer.provider, 20_000);
    transactions = await typeDocument(writer.ydoc, options);
    expected = writer.text();
    stateBytes = Y.encodeStateAsUpdate(writer.ydoc).byteLength;
    // A second client seeing the full text proves the server holds all of it.
    const verifier = connectClient(server, room);
    try {
      await waitFor(() => verifier.provider.synced && verifier.text() === expected, {
        timeout: LOAD_TIMEOUT_MS,
        message: "a second client to receive the whole typed document",
      });
    } finally {
      verifier.destroy();
    }
    // Ours acknowledges durable writes on request; wait for them rather than guess a delay.
    if (server.kind === "ours") await waitForStored(writer, LOAD_TIMEOUT_MS);
    else await sleep(1_000);
  } finally {
    writer.destroy();
  }

  const cold: number[] = [];
  let unloadConfirmed = true;
  for (let i = 0; i < options.repetitions; i++) {
    unloadConfirmed = (await waitUntilUnloaded(server)) && unloadConfirmed;
    cold.push(await timeLoad(server, room, expected));
  }

  // Warm: the same loads while one idle client keeps the document in memory on both servers.
  const holder = connectClient(server, room);
  const warm: number[] = [];
  try {
    await waitForSynced(holder.provider, LOAD_TIMEOUT_MS);
    for (let i = 0; i < options.repetitions; i++) warm.push(await timeLoad(server, room, expected));
  } finally {
    holder.destroy();
  }

  return {
    characters: expected.length,
    stateBytes,
    transactions,
    cold: { runs: cold.map((ms) => round(ms)), median: round(median(cold)) },
    warm: { runs: warm.map((ms) => round(ms)), median: round(median(warm)) },
    coldSource: !server.persistent ? "memory" : unloadConfirmed ? "storage" : "unconfirmed",
  };
}

/**
 * Times one fresh client from construction (which opens the socket) until it
 * holds the full text. Usually that is the `sync` event; the reference with
 * persistence answers sync before its LevelDB load finishes (an empty state,
 * then the content as updates), so the clock runs until the text is there.
 */
async function timeLoad(server: BenchServer, room: string, expected: string): Promise<number> {
  const started = performance.now();
  const client: TestClient = connectClient(server, room);
  try {
    return await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(
          new Error(
            `loaded ${client.text().length} characters in ${LOAD_TIMEOUT_MS} ms, expected ${expected.length}`,
          ),
        );
      }, LOAD_TIMEOUT_MS);
      const check = () => {
        // Length first: reading the whole text on every update would dominate the timing.
        if (!client.provider.synced || client.ytext.length !== expected.length) return;
        if (client.text() !== expected) return;
        clearTimeout(timer);
        resolve(performance.now() - started);
      };
      client.provider.on("sync", check);
      client.ydoc.on("update", check);
    });
  } finally {
    client.destroy();
  }
}

/**
 * Ours unloads a document once its last socket has left and its edits are
 * stored; /api/health counts the documents still in memory. The reference
 * (without persistence) never unloads, so there is nothing to wait for.
 */
async function waitUntilUnloaded(server: BenchServer): Promise<boolean> {
  if (server.kind === "reference") {
    // With persistence it drops the document at the last close and writes it
    // to LevelDB meanwhile; let that write finish so the load reads it back.
    if (server.persistent) await sleep(1_000);
    return true;
  }
  const deadline = Date.now() + UNLOAD_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const loaded = await server.loadedDocuments();
    if (loaded === undefined) {
      await sleep(2_000);
      return false;
    }
    if (loaded === 0) return true;
    await sleep(100);
  }
  return false;
}

/**
 * Types the document: paragraphs of about 100 characters at random paragraph
 * boundaries, then deletions of about 50 characters in between, each its own
 * transaction, yielding now and then so the provider's sends go out as they
 * would while someone types. Seeded, so both servers get the same text.
 */
async function typeDocument(doc: Y.Doc, options: ColdLoadOptions): Promise<number> {
  const random = mulberry32(0xcafe);
  const text = doc.getText("t");
  // Deletions start once there is text to delete, then come evenly spaced.
  const firstDelete = Math.min(100, options.paragraphs);
  const deleteEvery = Math.max(
    1,
    Math.floor((options.paragraphs - firstDelete) / Math.max(1, options.deletes)),
  );
  let transactions = 0;
  let deletes = 0;
  for (let i = 0; i < options.paragraphs; i++) {
    const at = i === 0 ? 0 : nthBoundary(text.toString(), Math.floor(random() * i));
    text.insert(at, paragraph(random, i));
    transactions++;
    if (i >= firstDelete && (i - firstDelete) % deleteEvery === 0 && deletes < options.deletes) {
      const length = 40 + Math.floor(random() * 20);
      text.delete(Math.floor(random() * (text.length - length)), length);
      deletes++;
      transactions++;
    }
    if (i % 50 === 49) await new Promise((resolve) => setImmediate(resolve));
  }
  return transactions;
}

function nthBoundary(content: string, n: number): number {
  let at = 0;
  for (let i = 0; i < n; i++) {
    const next = content.indexOf("\n", at);
    if (next === -1) return content.length;
    at = next + 1;
  }
  return at;
}

const VOCABULARY = [
  "the",
  "caucus",
  "moves",
  "that",
  "budget",
  "amendment",
  "be",
  "tabled",
  "until",
  "vote",
  "members",
  "agree",
  "chair",
  "notes",
  "quorum",
];

function paragraph(random: () => number, index: number): string {
  let line = `${index}. `;
  while (line.length < 98) line += `${VOCABULARY[Math.floor(random() * VOCABULARY.length)]} `;
  return `${line.trimEnd()}.\n`;
}

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
