import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  connectClient,
  createDocument,
  readText,
  type TestClient,
  waitForStored,
  waitForSynced,
} from "../support/clients.js";
import { useServers } from "../support/fixtures.js";
import { sleep } from "../support/ports.js";
import type { TestServer } from "../support/server.js";
import { startTyping, stopAll, type Typist } from "../support/typists.js";

/**
 * SIGKILL at a random point of a typing session (issue 6): whatever the
 * server had acknowledged as stored (message type 100) when it died is in
 * the document after the restart, whole and once. The clients are destroyed
 * with the server, so nobody resends what was not acknowledged: only the
 * acknowledgement stands between those edits and their loss.
 * `CRASH_SEED` replays a failing seed; `CRASH_RUNS` runs more cases.
 */
const seed = process.env.CRASH_SEED ? Number(process.env.CRASH_SEED) : Math.floor(Math.random() * 2 ** 31);
const numRuns = process.env.CRASH_RUNS ? Number(process.env.CRASH_RUNS) : 4;

const servers = useServers();

interface Session {
  /** Typing interval of each client, 2 or 3 of them. */
  everyMs: number[];
  /** How long after the first keystroke the server is killed. */
  killAfterMs: number;
}

const session: fc.Arbitrary<Session> = fc.record({
  everyMs: fc.array(fc.integer({ min: 10, max: 80 }), { minLength: 2, maxLength: 3 }),
  killAfterMs: fc.integer({ min: 300, max: 2_500 }),
});

/** Tokens are `<name:n>`; a well-formed text is a run of whole tokens. */
const TOKEN = /<[^<>:]+:\d+>/g;

const totals = { kills: 0, typed: 0, acknowledged: 0, checked: 0, keptUnacknowledged: 0, lost: 0 };
let caseNumber = 0;

/**
 * The tokens of `typist` that the server had said were stored: a client's
 * n-th token is covered once the stored vector's clock for that client
 * reaches the length of its first n tokens (it only ever appends them).
 */
function acknowledgedTokens(typist: Typist, clients: TestClient[]): string[] {
  const clientId = typist.client.ydoc.clientID;
  const storedClock = Math.max(0, ...clients.map((c) => c.storedStateVector()?.get(clientId) ?? 0));
  const acknowledged: string[] = [];
  let clock = 0;
  for (const token of typist.tokens) {
    clock += token.length;
    if (clock > storedClock) break;
    acknowledged.push(token);
  }
  return acknowledged;
}

async function runSession(server: TestServer, { everyMs, killAfterMs }: Session): Promise<void> {
  const n = caseNumber++;
  const { id } = await createDocument(server, `Crash ${n}`);
  const clients = everyMs.map(() => connectClient(server, id, { stored: true }));
  let typists: Typist[] = [];
  try {
    await Promise.all(clients.map((c) => waitForSynced(c.provider)));
    typists = clients.map((client, i) => startTyping(`k${n}c${i}`, client, everyMs[i]));
    await sleep(killAfterMs);

    // One synchronous step: typing stops, acknowledgements are read, the signal goes out.
    stopAll(typists);
    const acknowledged = typists.map((typist) => acknowledgedTokens(typist, clients));
    const killed = server.kill("SIGKILL");
    totals.kills++;
    // No reconnect: what the server did not store is gone with these clients.
    for (const c of clients) c.destroy();
    expect((await killed).signal).toBe("SIGKILL");

    await server.restart();
    const text = await readText(server, id);

    const found = text.match(TOKEN) ?? [];
    const describe = () =>
      `case ${n} (kill after ${killAfterMs} ms, typing every ${everyMs.join("/")} ms): ${JSON.stringify(text.slice(0, 300))}`;
    expect(found.join(""), `only whole tokens in the stored text, ${describe()}`).toBe(text);
    expect(new Set(found).size, `no token stored twice, ${describe()}`).toBe(found.length);
    for (const [i, typist] of typists.entries()) {
      const acked = acknowledged[i] ?? [];
      totals.typed += typist.tokens.length;
      totals.acknowledged += acked.length;
      // The first token is typed at once, far more than a store window before the kill.
      expect(acked.length, `${typist.name}: some tokens acknowledged before the kill`).toBeGreaterThan(0);
      const kept = found.filter((token) => token.startsWith(`<${typist.name}:`));
      // Storage follows the socket's order: what survives of a client is a prefix of what it typed.
      expect(kept, `${typist.name}'s stored tokens are the first ones it typed, in order`).toEqual(
        typist.tokens.slice(0, kept.length),
      );
      const lost = acked.filter((token) => !kept.includes(token));
      totals.lost += lost.length;
      totals.checked += acked.length;
      totals.keptUnacknowledged += kept.length - (acked.length - lost.length);
      expect(lost, `${typist.name}: acknowledged tokens lost to the SIGKILL, ${describe()}`).toEqual([]);
    }
  } finally {
    stopAll(typists);
    for (const c of clients) c.destroy();
  }
}

describe("SIGKILL at random points of a typing session", () => {
  it(
    "every edit acknowledged as stored survives the crash, once, without the clients resending it",
    async () => {
      console.log(`crash seed=${seed} runs=${numRuns} (replay: CRASH_SEED=${seed})`);
      // A short store window: plenty is acknowledged and plenty is still in flight when the kill lands.
      const server = await servers.start({ env: { STORE_DELAY_MS: "50" } });
      try {
        await fc.assert(
          fc.asyncProperty(session, (s) => runSession(server, s)),
          // No shrinking: each case kills a server, and the seed is enough to replay it.
          { seed, numRuns, endOnFailure: true },
        );
      } finally {
        console.log(
          `crash summary: seed=${seed} cases=${caseNumber} kills=${totals.kills} tokens typed=${totals.typed} ` +
            `acknowledged=${totals.acknowledged} checked=${totals.checked} ` +
            `stored though unacknowledged=${totals.keptUnacknowledged} lost=${totals.lost}`,
        );
      }
    },
    numRuns * 30_000,
  );
});

describe("a deletion acknowledged as stored", () => {
  it("survives a SIGKILL right after the acknowledgement, though it moved no clock", async () => {
    // A long store window: a deletion said to be stored before its write would die with the server.
    const server = await servers.start({ env: { STORE_DELAY_MS: "1000" } });
    const { id } = await createDocument(server, "Deletion");
    const client = connectClient(server, id, { stored: true });
    try {
      await waitForSynced(client.provider);
      client.ytext.insert(0, "Member States shall [delete me] cooperate");
      await waitForStored(client);
      client.ytext.delete("Member States shall ".length, "[delete me] ".length);
      // The stored state vector already covers the client's: only the frame count can say this.
      await waitForStored(client);
      const killed = server.kill("SIGKILL");
      client.destroy();
      expect((await killed).signal).toBe("SIGKILL");
      await server.restart();
      expect(await readText(server, id)).toBe("Member States shall cooperate");
    } finally {
      client.destroy();
    }
  });
});
