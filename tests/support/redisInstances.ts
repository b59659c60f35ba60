import { Writable } from "node:stream";
import type { RedisConnection } from "@caucus/server/platform/redis/RedisConnection";
import pino from "pino";
import { waitFor } from "./clients.js";

/**
 * A logger for the Redis-backed classes under test that keeps every line, so
 * a test can see what they chose to log (a dropped message, an outage).
 * Lines are echoed to stderr when TEST_LOG_LEVEL is set.
 */
export function capturingLogger() {
  const lines: string[] = [];
  const echo = process.env.TEST_LOG_LEVEL !== undefined;
  const logger = pino(
    { level: "debug" },
    new Writable({
      write(chunk, _encoding, done) {
        const line = String(chunk);
        lines.push(line);
        if (echo) process.stderr.write(line);
        done();
      },
    }),
  );
  /** How many lines contain `text`. */
  const count = (text: string) => lines.filter((line) => line.includes(text)).length;
  return { logger, lines, count };
}

/** Waits until every connection (commands and subscriber) is up, e.g. after Redis restarted. */
export async function waitUntilReady(connections: RedisConnection[], timeout = 15_000): Promise<void> {
  await waitFor(() => connections.every((connection) => connection.isReady), {
    timeout,
    message: "every Redis connection to be ready",
  });
}
