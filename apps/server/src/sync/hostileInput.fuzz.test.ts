import { CloseCode } from "@caucus/shared";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fuzzFrame } from "../testing/fuzz/frameArbitraries.js";
import { startInProcessServer } from "../testing/fuzz/inProcessServer.js";
import { callApi, createDocument, grant, signUp } from "../testing/fuzz/people.js";
import { RoomFuzzStats, roomEpisode, runRoomEpisode } from "../testing/fuzz/roomEpisode.js";
import { rawRequest, sendRawRequest, type TUpgradeTargets } from "../testing/fuzz/upgradeRequests.js";
import { decodeClientMessage, ProtocolError } from "./messages.js";

/**
 * The in-process fuzzer (issue 16): generated frames and requests straight
 * into the server's own code, no sockets, so a run sees a million of them.
 * `npm run fuzz` runs FUZZ_FRAMES=1000000; `npm test` a short form.
 * `FUZZ_SEED` replays a run (each part derives its seed from it).
 */
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
const budget = process.env.FUZZ_FRAMES ? Number(process.env.FUZZ_FRAMES) : 20_000;
/** Shares of the budget: the decoder is cheap, the room is where the attacks are aimed. */
const DECODER_SHARE = 0.4;
const ROOM_SHARE = 0.5;
/** The rest: raw requests to the whole server, and the frames of the sockets it upgrades. */
const UPGRADE_SHARE = 1 - DECODER_SHARE - ROOM_SHARE;
/** Requests sent at once: most are answered at once, a few wait out a hang-up. */
const REQUESTS_AT_ONCE = 16;
/** Requests and frames of one batch, about. */
const UNITS_PER_BATCH = 16 * 5;
const NAMED_CODES: ReadonlySet<number> = new Set(Object.values(CloseCode));
/** Frames of a room episode, about, to turn a budget into episodes. */
const FRAMES_PER_EPISODE = 20;

console.log(
  `in-process fuzz seed=${seed} frames=${budget} (replay: FUZZ_SEED=${seed} FUZZ_FRAMES=${budget})`,
);

describe("in-process fuzzer", () => {
  it("the frame decoder reads every frame as one message or refuses it with a ProtocolError, nothing else", () => {
    const counts = { decoded: 0, refused: 0 };
    const started = performance.now();
    fc.assert(
      fc.property(fuzzFrame, (frame) => {
        let type: string;
        try {
          type = decodeClientMessage(frame.bytes).type;
          counts.decoded++;
        } catch (error) {
          if (!(error instanceof ProtocolError)) throw error;
          type = "refused";
          counts.refused++;
        }
        if (frame.decodes !== "either") expect(type).toBe(frame.decodes);
      }),
      { seed, numRuns: Math.round(budget * DECODER_SHARE) },
    );
    console.log(
      `decoder: ${counts.decoded + counts.refused} frames (${counts.decoded} decoded, ${counts.refused} refused) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  });

  it("the room lets each person change only what is theirs, never throws a bug's error, and loses no well-behaved client's edit", async () => {
    const stats = new RoomFuzzStats();
    const started = performance.now();
    const target = Math.round(budget * ROOM_SHARE);
    // Episodes differ in length: run them in rounds, each with a seed of its own, until the share is sent.
    for (let round = 1; stats.frames < target; round++) {
      await fc.assert(
        fc.asyncProperty(roomEpisode, (episode) => runRoomEpisode(episode, stats)),
        { seed: seed + round, numRuns: Math.max(1, Math.ceil((target - stats.frames) / FRAMES_PER_EPISODE)) },
      );
    }
    const closes = [...stats.closes].sort((a, b) => b[1] - a[1]).map(([why, n]) => `  ${n} × ${why}`);
    console.log(
      [
        `room: ${stats.frames} frames in ${stats.episodes} episodes, ${stats.applied} applied, in ${((performance.now() - started) / 1000).toFixed(1)} s`,
        `  Tom's edits ${stats.tomEdits}; Carol's suggestions ${stats.carolSuggestions} (${stats.overBudget} over a budget), withdrawals ${stats.carolWithdrawals}; frames answered "permission denied" ${stats.denied}`,
        "closes:",
        ...closes,
      ].join("\n"),
    );
    expect(stats.applied).toBeGreaterThan(stats.frames / 2);
  }, 3_600_000);

  it("the whole server answers any request to its port below 500, closes an upgraded socket only with a named code, and logs no error", async () => {
    const t = await startInProcessServer({
      TRUST_PROXY: "true",
      CONNECTIONS_PER_ADDRESS: "100000",
      CONNECTION_ATTEMPTS_PER_MINUTE: "1000000",
      SYNC_MESSAGES_PER_SECOND: "1000000",
      ADDRESS_MESSAGES_PER_SECOND: "1000000",
    });
    try {
      const owner = await signUp(t, "Owner");
      const commenter = await signUp(t, "Commenter");
      const viewer = await signUp(t, "Viewer");
      const stranger = await signUp(t, "Stranger");
      const documents = [
        await createDocument(t, owner, "Statement"),
        await createDocument(t, stranger, "Elsewhere"),
      ];
      await grant(t, owner, documents[0] as string, commenter, "commenter");
      await grant(t, owner, documents[0] as string, viewer, "viewer");
      documents.push("00000000-0000-4000-8000-000000000000");
      const tokens: string[] = [];
      for (const person of [owner, viewer]) {
        const issued = await callApi<{ token: string }>(
          t,
          person,
          "POST",
          `/api/documents/${documents[0]}/sync-token`,
          {},
          200,
        );
        tokens.push(issued.token);
      }
      const targets: TUpgradeTargets = {
        documents,
        cookies: [owner, commenter, viewer, stranger].map((p) => p.cookie),
        tokens,
      };
      const counts = { requests: 0, frames: 0, admitted: 0, statuses: new Map<string, number>() };
      const count = (key: string) => counts.statuses.set(key, (counts.statuses.get(key) ?? 0) + 1);
      const started = performance.now();
      const target = Math.round(budget * UPGRADE_SHARE);
      for (let round = 1; counts.requests + counts.frames < target; round++) {
        await fc.assert(
          fc.asyncProperty(
            fc.array(rawRequest, { minLength: 1, maxLength: REQUESTS_AT_ONCE }),
            async (requests) => {
              const outcomes = await Promise.all(
                requests.map((request) => sendRawRequest(t, request, targets)),
              );
              for (const [i, outcome] of outcomes.entries()) {
                // A close frame of the client's own is echoed with its code (or none: 1005).
                const closedByClient = (requests[i]?.frames ?? []).some((frame) => frame.opcode === 0x8);
                counts.requests++;
                counts.frames += outcome.framesSent;
                if (outcome.admitted) counts.admitted++;
                expect(outcome.silent, "a request neither answered nor closed after the client hung up").toBe(
                  false,
                );
                if (outcome.status === undefined) {
                  count("closed without an answer");
                  continue;
                }
                expect(outcome.status, "an answer that is not HTTP/1.x").toBeGreaterThan(0);
                if (outcome.status !== 101) {
                  expect(outcome.status).toBeLessThan(500);
                  count(String(outcome.status));
                  continue;
                }
                const code = outcome.closeCode;
                count(`101, then ${code ?? "no close"}`);
                expect(code).not.toBe(CloseCode.internalError);
                // 1000 is the fuzzer's own close after its frames, echoed.
                if (code !== undefined && code !== 1000 && !closedByClient) {
                  expect(NAMED_CODES.has(code), `close code ${code}`).toBe(true);
                }
              }
              expect(t.errors, "what the server logged as an error").toEqual([]);
            },
          ),
          {
            seed: seed + 1000 + round,
            numRuns: Math.max(1, Math.ceil((target - counts.requests - counts.frames) / UNITS_PER_BATCH)),
          },
        );
      }
      const outcomes = [...counts.statuses]
        .sort((a, b) => b[1] - a[1])
        .map(([what, n]) => `  ${n} × ${what}`);
      console.log(
        [
          `upgrade path: ${counts.requests} requests, ${counts.admitted} admitted, ${counts.frames} frames on upgraded sockets, in ${((performance.now() - started) / 1000).toFixed(1)} s`,
          ...outcomes,
        ].join("\n"),
      );
    } finally {
      await t.close();
    }
  }, 3_600_000);
});
