import type * as Y from "yjs";

/**
 * Every snippet a bench writer inserts carries its send time
 * (`performance.now()` of the bench process), so any reader in the same
 * process can compute the latency.
 */
const STAMP = /<t(\d+\.\d+)>/g;
const WORDS = [
  "motion",
  "amend",
  "second",
  "quorum",
  "agenda",
  "vote",
  "minutes",
  "caucus",
  "chair",
  "ballot",
];

/** About 40 characters at a random position: a stamp and a few words, like a short note typed in one go. */
export function insertStamped(text: Y.Text, sent: number): void {
  const words = Array.from({ length: 3 }, () => WORDS[Math.floor(Math.random() * WORDS.length)]).join(" ");
  const position = Math.floor(Math.random() * (text.length + 1));
  text.insert(position, `<t${sent.toFixed(3)}> ${words}. `);
}

/**
 * Calls `found` with the send time of every stamp in a Yjs update. Read
 * from the raw update bytes, not from a Y.Text event: computing an event's
 * delta walks the whole text, and at ~9,000 deliveries a second that walk,
 * not the server, would set the latency.
 */
export function readStamps(update: Uint8Array, found: (sent: number) => void): void {
  const bytes = Buffer.from(update.buffer, update.byteOffset, update.byteLength).toString("latin1");
  for (const match of bytes.matchAll(STAMP)) found(Number(match[1]));
}
