import { performance } from "node:perf_hooks";
import type WebSocket from "ws";
import { sleep } from "../support/ports.js";
import { processTicks, TICKS_PER_SECOND } from "../support/processStats.js";
import type { BenchServer } from "./servers.js";
import { closeAll, createRooms, openBareSocket } from "./sockets.js";
import { round, summarize } from "./stats.js";

export interface StormOptions {
  sockets: number;
  documents: number;
  /** People in the hall, each signed in on `devices` devices: one session per device. */
  people: number;
  devices: number;
  /** Sockets between open and admitted at any moment: the next opens as soon as one is let in. */
  inFlight: number;
}

/**
 * A conference hall's Wi-Fi coming back (issue 15): 100 people, each on a
 * laptop and a phone, with 10 documents open on each device.
 */
export const defaultStorm: StormOptions = {
  sockets: 2_000,
  documents: 200,
  people: 100,
  devices: 2,
  inFlight: 50,
};

/** One wave of sockets: the first connections, or the same sockets coming back. */
export interface StormWave {
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
  /** CPU of the server during the wave, in seconds. */
  serverCpuSeconds: number;
  /** That CPU divided by the sockets admitted, in milliseconds. */
  cpuMsPerSocket: number;
}

export interface StormResult {
  /** Sessions the sockets came from (one per person and device). */
  sessions: number;
  /** Every socket's first connection, to a server that has never seen its session. */
  first: StormWave;
  /** All of them dropped, then back at once: a server that has seen each before. */
  reconnect: StormWave;
}

/** Longest the bench waits for ours to unload the documents after the first wave leaves. */
const UNLOAD_WAIT_MS = 30_000;

/**
 * The reconnect storm: `sockets` bare sockets ({@link openBareSocket}) over
 * `documents` rooms created beforehand, opened `inFlight` at a time, each
 * kept open once admitted. Socket i comes from session i mod S (S = people ×
 * devices) and opens that session's (i div S)th document, so every device
 * has its own documents open and no two sockets of one person share one: on
 * ours each socket passes the session and role checks of its own person
 * before its upgrade, as a hall of people would. Two waves: the first
 * connections (a server that has never seen these sessions, as after a
 * restart), then every socket closed, the documents unloaded, and all of
 * them back at once (the Wi-Fi returning to a server that was running).
 * Sockets admitted per second is the figure of each.
 */
export async function measureStorm(server: BenchServer, options = defaultStorm): Promise<StormResult> {
  const rooms = await createRooms(server, options.documents, "storm");
  const seats = await server.seatPeople(options.people, options.devices);
  // A device's documents lie `step` apart, so its own are distinct and so are its person's other device's.
  const step = Math.max(1, Math.floor(rooms.length / Math.ceil(options.sockets / seats.length)));
  const plan = Array.from({ length: options.sockets }, (_, i) => {
    const session = i % seats.length;
    const nth = Math.floor(i / seats.length);
    return {
      room: rooms[(session + nth * step) % rooms.length] as string,
      headers: seats[session] as Record<string, string>,
    };
  });
  const first = await stormWave(server, plan, options.inFlight);
  await unloaded(server);
  const reconnect = await stormWave(server, plan, options.inFlight);
  return { sessions: seats.length, first, reconnect };
}

/** Opens every socket of `plan`, `inFlight` at a time; closes them all once the last is in. */
async function stormWave(
  server: BenchServer,
  plan: readonly { room: string; headers: Record<string, string> }[],
  inFlight: number,
): Promise<StormWave> {
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
      for (let i = next++; i < plan.length; i = next++) {
        const { room, headers } = plan[i] as (typeof plan)[number];
        const opened = performance.now();
        const bare = openBareSocket(server, room, headers);
        sockets.push(bare.socket);
        if (await bare.admitted) {
          lastAdmitted = performance.now();
          admitTimes.push(lastAdmitted - opened);
        } else {
          refused++;
        }
      }
    };
    await Promise.all(Array.from({ length: inFlight }, lane));
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
      cpuMsPerSocket: admitTimes.length > 0 ? round((serverCpuSeconds * 1000) / admitTimes.length) : 0,
    };
  } finally {
    await closeAll(sockets);
  }
}

/** Until ours holds no document (each is read back from storage in the next wave); a moment on the others. */
async function unloaded(server: BenchServer): Promise<void> {
  const deadline = Date.now() + UNLOAD_WAIT_MS;
  while (Date.now() < deadline) {
    const loaded = await server.loadedDocuments();
    if (loaded === undefined || loaded === 0) break;
    await sleep(200);
  }
  await sleep(1_000);
}
