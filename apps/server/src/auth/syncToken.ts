import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Short-lived tokens that open one document's sync socket for clients
 * without cookies (`?token=`). Stateless: an HMAC over document, person
 * and expiry. The person's rights are still checked from the database when
 * the socket opens, so a token never outlives a removal.
 */
export class SyncTokens {
  constructor(
    private readonly secret: string,
    private readonly lifetimeSeconds: number,
  ) {}

  issue(documentId: string, userId: string, now = Date.now()): { token: string; expiresAt: Date } {
    // Rounded up to the whole second the token carries, so the expiry
    // reported is the one enforced and the lifetime is never cut short.
    const expirySeconds = Math.ceil((now + this.lifetimeSeconds * 1000) / 1000);
    const payload = Buffer.from(JSON.stringify({ d: documentId, u: userId, e: expirySeconds })).toString(
      "base64url",
    );
    return { token: `${payload}.${this.sign(payload)}`, expiresAt: new Date(expirySeconds * 1000) };
  }

  /** The person a token admits to `documentId`, or why not. */
  verify(
    token: string,
    documentId: string,
    now = Date.now(),
  ): { ok: true; userId: string } | { ok: false; reason: "invalid" | "expired" } {
    const [payload, signature, extra] = token.split(".");
    if (!payload || !signature || extra !== undefined) return { ok: false, reason: "invalid" };
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given))
      return { ok: false, reason: "invalid" };
    let claims: { d?: unknown; u?: unknown; e?: unknown };
    try {
      claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    } catch {
      return { ok: false, reason: "invalid" };
    }
    if (claims.d !== documentId || typeof claims.u !== "string" || typeof claims.e !== "number") {
      return { ok: false, reason: "invalid" };
    }
    if (claims.e * 1000 <= now) return { ok: false, reason: "expired" };
    return { ok: true, userId: claims.u };
  }

  private sign(payload: string): string {
    return createHmac("sha256", this.secret).update(`sync-token:${payload}`).digest("base64url");
  }
}
