import { pino } from "pino";

export type Logger = pino.Logger;

/**
 * Structured JSON logs on stdout. Query strings are never logged: a sync
 * token passed as `?token=` must not end up in a log file.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: "caucus" },
    redact: { paths: ["req.headers.cookie", "req.headers.authorization", "token"], remove: true },
  });
}
