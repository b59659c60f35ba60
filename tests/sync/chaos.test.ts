import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultAccount } from "../support/accounts.js";
import {
  connectClient,
  createDocument,
  readText,
  type TestClient,
  waitFor,
  waitForStored,
  waitForSynced,
} from "../support/clients.js";
import { useServers } from "../support/fixtures.js";
import { type NetProxy, startNetProxy } from "../support/netProxy.js";
import { sleep } from "../support/ports.js";
import type { TestServer } from "../support/server.js";

/**
 * Convergence under chaos (issue 6): stock y-websocket clients edit at once
 * while their links drop and come back and the server both restarts and
 * crashes; they reconnect by themselves and lose none of their edits.
 * `CHAOS_SEED` replays a failing seed; `CHAOS_RUNS` runs more cases.
 */
const seed = process.env.CHAOS_SEED ? Number(process.env.CHAOS_SEED) : Math.floor(Math.random() * 2 ** 31);
const numRuns = process.env.CHAOS_RUNS ? Number(process.env.CHAOS_RUNS) : 3;
const CLIENTS = 3;
const CONVERGE_TIMEOUT_MS = 20_000;

const servers = useServers();

type Step =
  | { kind: "insert"; client: number; at: number; pauseMs: number }
  | { kind: "delete"; client: number; at: number; count: number; pauseMs: number }
  | { kind: "cut"; client: number; pauseMs: number }
  | { kind: "restore"; client: number; pauseMs: number };

/** The server goes down before step `at` (SIGTERM, or SIGKILL for a crash) and is back `downFor` steps later. */
interface Outage {
  at: number;
  downFor: number;
  crash: boolean;
}

interface Scenario {
  steps: Step[];
  outages: Outage[];
  /** How the final stored-document check restarts the server. */
  finalCrash: boolean;
}

const client = fc.nat({ max: CLIENTS - 1 });
const pauseMs = fc.integer({ min: 0, max: 40 });
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({ kind: fc.constant("insert" as const), client, at: fc.nat(), pauseMs }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("delete" as const),
      client,
      at: fc.nat(),
      count: fc.integer({ min: 1, max: 3 }),
      pauseMs,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("cut" as const), client, pauseMs }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("restore" as const), client, pauseMs }) },
);
const scenario: fc.Arbitrary<Scenario> = fc.record({
  steps: fc.array(step, { minLength: 25, maxLength: 45 }),
  // Two outages, a crash (SIGKILL) and a graceful stop (SIGTERM) in either order, while the
  // clients type on: each costs a server start, and the file must stay quick. Both fall within
  // the first 25 steps and never overlap, so every case has both.
  outages: fc
    .record({
      firstAt: fc.integer({ min: 0, max: 8 }),
      firstDownFor: fc.integer({ min: 0, max: 6 }),
      gap: fc.integer({ min: 0, max: 8 }),
      secondDownFor: fc.integer({ min: 0, max: 6 }),
      crashFirst: fc.boolean(),
    })
    .map(({ firstAt, firstDownFor, gap, secondDownFor, crashFirst }): Outage[] => [
      { at: firstAt, downFor: firstDownFor, crash: crashFirst },
      { at: firstAt + firstDownFor + 1 + gap, downFor: secondDownFor, crash: !crashFirst },
    ]),
  finalCrash: fc.boolean(),
});

/** One editing client and the link it reaches the server through. */
interface Party {
  name: string;
  link: NetProxy;
  client: TestClient;
  /** Number of this party's next token. */
  next: number;
}

/** Tokens are `[c<client>.<n>]`; the text is always a run of whole tokens. */
const TOKEN = /\[c\d+\.\d+\]/g;

function tokensOf(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** Offsets in `text` where a token starts or the text ends: the only places anyone inserts. */
function boundaries(text: string): number[] {
  const offsets = [0];
  let offset = 0;
  for (const token of tokensOf(text)) {
    offset += token.length;
    offsets.push(offset);
  }
  return offsets;
}

async function runScenario(server: TestServer, { steps, outages, finalCrash }: Scenario): Promise<void> {
  const { id } = await createDocument(server, "Chaos");
  const account = await defaultAccount(server);
  // One proxy per client, so each one's link can be cut alone.
  const parties: Party[] = [];
  try {
    for (let i = 0; i < CLIENTS; i++) {
      const link = await startNetProxy(server.port);
      const address = { url: link.url, wsUrl: `ws://127.0.0.1:${link.port}/sync` };
      parties.push({
        name: `c${i}`,
        link,
        client: connectClient(address, id, { account, stored: true }),
        next: 0,
      });
    }
    await Promise.all(parties.map((p) => waitForSynced(p.client.provider)));

    const inserted = new Set<string>();
    const deleted = new Set<string>();
    const downAt = new Map<number, Outage>();
    for (const outage of outages) downAt.set(outage.at, outage);
    let upAt = -1;

    for (const [index, s] of steps.entries()) {
      const outage = downAt.get(index);
      if (outage && upAt < index) {
        if (outage.crash) await server.kill("SIGKILL");
        else await server.stop();
        upAt = index + outage.downFor;
      }
      if (index === upAt) await server.restart();

      const party = pick(parties, s.client);
      const { ytext } = party.client;
      if (s.kind === "insert") {
        const token = `[${party.name}.${party.next++}]`;
        const offsets = boundaries(ytext.toString());
        ytext.insert(pick(offsets, s.at % offsets.length), token);
        inserted.add(token);
      } else if (s.kind === "delete") {
        const text = ytext.toString();
        const tokens = tokensOf(text);
        if (tokens.length > 0) {
          const first = s.at % tokens.length;
          const gone = tokens.slice(first, first + s.count);
          ytext.delete(pick(boundaries(text), first), gone.join("").length);
          for (const token of gone) deleted.add(token);
        }
      } else if (s.kind === "cut") {
        party.link.cut();
      } else {
        party.link.restore();
      }
      if (s.pauseMs > 0) await sleep(s.pauseMs);
    }
    if (upAt >= steps.length) await server.restart();
    for (const p of parties) p.link.restore();

    const expected = [...inserted].filter((token) => !deleted.has(token)).sort();
    const clients = parties.map((p) => p.client);
    const texts = () => clients.map((c) => c.text());
    const describeState = () =>
      `expected ${expected.length} tokens; ${parties.map((p) => `${p.name}: ${JSON.stringify(p.client.text())}`).join("; ")}`;
    await waitFor(
      () => {
        const [first = "", ...rest] = texts();
        return (
          rest.every((text) => text === first) &&
          clients.every((c) => c.provider.synced && c.provider.wsconnected) &&
          sameTokens(tokensOf(first), expected)
        );
      },
      { timeout: CONVERGE_TIMEOUT_MS, message: () => `clients to converge: ${describeState()}` },
    );
    const converged = texts()[0] ?? "";
    // Nothing but whole tokens, and each surviving token exactly once.
    expect(tokensOf(converged).join("")).toBe(converged);
    expect(tokensOf(converged).sort()).toEqual(expected);

    // Every client's document is acknowledged as stored; it survives a restart without any client.
    await Promise.all(clients.map((c) => waitForStored(c, CONVERGE_TIMEOUT_MS)));
    for (const c of clients) c.destroy();
    if (finalCrash) await server.kill("SIGKILL");
    await server.restart();
    expect(await readText(server, id)).toBe(converged);
  } finally {
    for (const p of parties) p.client.destroy();
    await Promise.all(parties.map((p) => p.link.close()));
  }
}

/** `items[index]`, which the caller knows is there. */
function pick<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`no item at ${index} of ${items.length}`);
  return item;
}

function sameTokens(actual: string[], expected: string[]): boolean {
  return actual.length === expected.length && [...actual].sort().every((token, i) => token === expected[i]);
}

describe("convergence under chaos", () => {
  it(
    "clients editing through dropped links, restarts and crashes end identical, stored, with every surviving token",
    async () => {
      console.log(`chaos seed=${seed} runs=${numRuns} (replay: CHAOS_SEED=${seed})`);
      // A short store delay, so that crashes really do lose edits the clients must resend.
      const server = await servers.start({ env: { STORE_DELAY_MS: "50" } });
      await fc.assert(
        fc.asyncProperty(scenario, (s) => runScenario(server, s)),
        // No shrinking: each case restarts servers, and the seed is enough to replay it.
        { seed, numRuns, endOnFailure: true },
      );
    },
    numRuns * 40_000,
  );
});
