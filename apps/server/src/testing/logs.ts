import { Writable } from "node:stream";
import pino from "pino";
import type { Logger } from "../logger.js";

/** A logger at `level` whose lines (pino's JSON) a test can read back. */
export function recordingLogger(level: pino.Level): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = pino(
    { level },
    new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    }),
  );
  return { logger, lines };
}
