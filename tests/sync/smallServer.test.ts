import { describe, expect, it } from "vitest";
import { createDocumentWithText, readText } from "../support/clients.js";
import { useServers } from "../support/fixtures.js";
import { readPeakRss, readRss, waitForIdleProcess } from "../support/processStats.js";

/**
 * Issue 15's small server: a coalition runs Caucus on a 512 MB virtual
 * machine. The built server, started as `npm start` starts it (embedded
 * PGlite, a data folder of its own), must never hold more than 400 MB while
 * it makes a new data folder and takes its first account and document, and
 * must hold at most 200 MB once idle after a restart on existing data. The
 * figures are the kernel's (VmHWM and VmRSS), no GC forced.
 */
const MB = 1_000_000;
const FIRST_START_PEAK_LIMIT = 400 * MB;
const IDLE_LIMIT = 200 * MB;

const servers = useServers();

const STATEMENT =
  "The undersigned organisations call on delegations to keep human rights safeguards in Article 24. ".repeat(
    20,
  );

describe("the small server (issue 15)", () => {
  it("makes a new data folder under 400 MB at its peak, and idles under 200 MB when started again on it", async () => {
    // A new, empty DATA_DIR: the server copies the build's empty database into it.
    const server = await servers.start();
    const id = await createDocumentWithText(server, "Joint statement", STATEMENT);
    const firstPeak = readPeakRss(server.process.pid as number);

    await server.restart();
    const pid = server.process.pid as number;
    const idleAfterMs = await waitForIdleProcess(pid, { windowMs: 1_000, maxWaitMs: 15_000 });
    const idle = readRss(pid);
    console.log(
      `small server: first start peak ${(firstPeak / MB).toFixed(1)} MB (limit 400); ` +
        `idle after a restart ${(idle / MB).toFixed(1)} MB (limit 200, read ${idleAfterMs} ms after listening)`,
    );

    // What was written before the restart is there after it, from the seeded folder.
    expect(await readText(server, id)).toBe(STATEMENT);
    expect(firstPeak, "peak RSS of a first start, in bytes").toBeLessThanOrEqual(FIRST_START_PEAK_LIMIT);
    expect(idle, "idle RSS after a restart on existing data, in bytes").toBeLessThanOrEqual(IDLE_LIMIT);
  });
});
