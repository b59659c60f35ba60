/**
 * The address a request came from: the last X-Forwarded-For entry when a
 * trusted proxy (nginx) sets it, else the socket's peer. The last entry is
 * the one the proxy itself added; earlier ones are the client's to forge.
 */
export function clientAddress(
  forwardedFor: string | undefined,
  peer: string | undefined,
  trustProxy: boolean,
): string {
  if (trustProxy) {
    const forwarded = forwardedFor?.split(",").at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  return peer ?? "unknown";
}
