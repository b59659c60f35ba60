import { afterAll, describe, expect, it } from "vitest";
import { type BenchServer, startBenchServer } from "../bench/servers.js";
import { defaultSoak, runSoak } from "../soak/soak.js";

/**
 * The soak of `npm run soak` (2,000 sockets, 200 documents, 10 minutes) in
 * a short form: a tenth of the sockets, 10 s of warm-up and 20 s of load
 * (the suite's time is every later session's). Same checks: heap
 * after GC within 10% between warm-up and end, no socket closed by the
 * server, every document unloaded once its clients leave, and every stored
 * text its writer's.
 */
let server: BenchServer | undefined;
afterAll(async () => {
  await server?.stop();
});

describe("soak, short form", () => {
  it("holds 200 sockets on 20 documents under edits and churn without the heap growing, then unloads everything", async () => {
    server = await startBenchServer("ours", { inspect: true });
    const result = await runSoak(server, {
      ...defaultSoak,
      connections: 200,
      documents: 20,
      warmupMs: 10_000,
      durationMs: 20_000,
      editsPerSecond: 40,
      churnPerSecond: 10,
    });
    expect(result.edits).toBeGreaterThan(600);
    expect(result.churned).toBeGreaterThan(150);
    expect(result.failures).toEqual([]);
    expect(result.loadedAfter).toBe(0);
    expect(result.heapGrowth).toBeLessThanOrEqual(0.1);
  }, 180_000);
});
