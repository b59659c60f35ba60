import { createDocumentWithText } from "../support/clients.js";
import { readPeakRss, readRss, waitForIdleProcess } from "../support/processStats.js";
import type { BenchServer } from "./servers.js";

/** A server's resident memory once its start is over. */
export interface StartMemory {
  /** VmRSS once the process had gone idle, in bytes: what it holds while nobody uses it. */
  rss: number;
  /** VmHWM then: the most it held at any moment of its start, in bytes. */
  peakRss: number;
  /** How long after "listening" it went idle (ms). */
  idleAfterMs: number;
}

export interface FirstStartOptions {
  /** Documents (with some text) left behind for the next start to find. */
  documents: number;
}

export const defaultFirstStart: FirstStartOptions = { documents: 20 };

const PARAGRAPH =
  "The delegation proposes to insert, after the second paragraph, a reference to the agreed conclusions. ";

/**
 * Memory of a server that has just started and gone idle (at most 0.02 cores
 * over 2 s, waited for at most 30 s), nobody connected. Read from
 * /proc/<pid>/status as the kernel sees it, no GC forced: what a small
 * virtual machine has to hold.
 */
export async function measureStartMemory(server: BenchServer): Promise<StartMemory> {
  const idleAfterMs = await waitForIdleProcess(server.pid);
  return { rss: readRss(server.pid), peakRss: readPeakRss(server.pid), idleAfterMs };
}

/**
 * Ours on an empty DATA_DIR: its first start creates the embedded database
 * and runs every migration; the peak (VmHWM) covers all of it. Then the
 * first account signs up and writes `documents` documents of about 2 KB,
 * each stored before it returns, so that the next start on the same folder
 * starts on existing data.
 */
export async function measureFirstStart(
  server: BenchServer,
  options = defaultFirstStart,
): Promise<StartMemory & { documents: number }> {
  const memory = await measureStartMemory(server);
  for (let d = 0; d < options.documents; d++) {
    await createDocumentWithText(server, `Existing document ${d + 1}`, PARAGRAPH.repeat(20));
  }
  return { ...memory, documents: options.documents };
}
