import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fuzzFrame } from "../testing/fuzz/frameArbitraries.js";
import { RoomFuzzStats, roomEpisode, runRoomEpisode } from "../testing/fuzz/roomEpisode.js";
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
});
