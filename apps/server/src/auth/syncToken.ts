import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Short-lived tokens that open one document's sync socket for clients
 * without cookies (`?token=`). Stateless: an HMAC over document, person
 * session and expiry. The person's rights and that session are still
 * checked from the database when the socket opens, so a token never
 * outlives a removal or a sign-out.
 */
export class SyncTokens {
  constructor(
    private readonly secret: string,
    private readonly lifetimeSeconds: number,
  ) {}

  /** A token for `userId`, tied to the session that asked for it: when that session ends, so does the token. */
  issue(
    documentId: string,
    userId: string,
    sessionId: string,
    now = Date.now(),
  ): { token: string; expiresAt: Date } {
    // Rounded up to the whole second the token carries, so the expiry
    // reported is the one enforced and the lifetime is never cut short.
    const expirySeconds = Math.ceil((now + this.lifetimeSeconds * 1000) / 1000);
    const payload = Buffer.from(
      JSON.stringify({ d: documentId, u: userId, s: sessionId, e: expirySeconds }),
    ).toString("base64url");
    return { token: `${payload}.${this.sign(payload)}`, expiresAt: new Date(expirySeconds * 1000) };
  }

  /** The person a token admits to `documentId`, or why not. */
  verify(
    token: string,
    documentId: string,
    now = Date.now(),
  ): { ok: true; userId: string; sessionId: string } | { ok: false; reason: "invalid" | "expired" } {
    const [payload, signature, extra] = token.split(".");
    if (!payload || !signature || extra !== undefined) return { ok: false, reason: "invalid" };
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given))
      return { ok: false, reason: "invalid" };
    let claims: { d?: unknown; u?: unknown; s?: unknown; e?: unknown };
    try {
      claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    } catch {
      return { ok: false, reason: "invalid" };
    }
    if (
      claims.d !== documentId ||
      typeof claims.u !== "string" ||
      typeof claims.s !== "string" ||
      typeof claims.e !== "number"
    ) {
      return { ok: false, reason: "invalid" };
    }
    if (claims.e * 1000 <= now) return { ok: false, reason: "expired" };
    return { ok: true, userId: claims.u, sessionId: claims.s };
  }

  private sign(payload: string): string {
    return createHmac("sha256", this.secret).update(`sync-token:${payload}`).digest("base64url");
  }
}
