import { performance } from "node:perf_hooks";
import type WebSocket from "ws";
import { processTicks, TICKS_PER_SECOND } from "../support/processStats.js";
import type { BenchServer } from "./servers.js";
import { closeAll, createRooms, openBareSocket } from "./sockets.js";
import { round, summarize } from "./stats.js";

export interface StormOptions {
  sockets: number;
  documents: number;
  /** Sockets between open and admitted at any moment: the next opens as soon as one is let in. */
  inFlight: number;
}

/** A conference hall's Wi-Fi coming back (issue 15). */
export const defaultStorm: StormOptions = { sockets: 2_000, documents: 200, inFlight: 50 };

export interface StormResult {
  /** Sockets the server let in (sync step 2 received). */
  admitted: number;
  /** Sockets closed, refused or not answered within 30 s. */
  refused: number;
  /** From the first socket's open to the last one's admission. */
  seconds: number;
  socketsPerSecond: number;
  /** Open → admitted, per socket (ms). */
  admitP50: number;
  admitP99: number;
  /** CPU of the server during the storm, in seconds. */
  serverCpuSeconds: number;
}

/**
 * The reconnect storm: `sockets` bare sockets ({@link openBareSocket}) over
 * `documents` rooms created beforehand, opened `inFlight` at a time, each
 * kept open once admitted, as a hall of people coming back at once would.
 * Sockets admitted per second is the figure; each document is loaded by its
 * first socket. On ours every socket passes the session and role checks
 * before its upgrade, all with the default account's one session (as every
 * bench client does): a cache of sessions would serve all but the first
 * from memory, where a real hall brings one session per person.
 */
export async function measureStorm(server: BenchServer, options = defaultStorm): Promise<StormResult> {
  const rooms = await createRooms(server, options.documents, "storm");
  const sockets: WebSocket[] = [];
  const admitTimes: number[] = [];
  let refused = 0;
  let next = 0;
  const ticksBefore = processTicks(server.pid);
  const started = performance.now();
  let lastAdmitted = started;
  try {
    // Each lane opens a socket, waits for its admission, and opens the next.
    const lane = async () => {
      for (let i = next++; i < options.sockets; i = next++) {
        const opened = performance.now();
        const bare = openBareSocket(server, rooms[i % rooms.length] as string);
        sockets.push(bare.socket);
        if (await bare.admitted) {
          lastAdmitted = performance.now();
          admitTimes.push(lastAdmitted - opened);
        } else {
          refused++;
        }
      }
    };
    await Promise.all(Array.from({ length: options.inFlight }, lane));
    const serverCpuSeconds = (processTicks(server.pid) - ticksBefore) / TICKS_PER_SECOND;
    const seconds = (lastAdmitted - started) / 1000;
    const admitted = summarize(admitTimes);
    return {
      admitted: admitTimes.length,
      refused,
      seconds: round(seconds),
      socketsPerSecond: seconds > 0 ? admitTimes.length / seconds : 0,
      admitP50: admitted.p50,
      admitP99: admitted.p99,
      serverCpuSeconds: round(serverCpuSeconds),
    };
  } finally {
    await closeAll(sockets);
  }
}
