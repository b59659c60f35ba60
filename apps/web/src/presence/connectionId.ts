/**
 * This tab's presence connection id: random, new on every page load, so two
 * tabs of one person are two entries. 32 hex digits, within the server's
 * `^[A-Za-z0-9_-]{8,64}$`.
 */
export function newConnectionId(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID().replace(/-/g, "");
  // randomUUID needs a secure context; getRandomValues does not.
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) =>
    byte.toString(16).padStart(2, "0"),
  ).join("");
}
