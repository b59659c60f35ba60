import { describe, expect, it } from "vitest";
import { SyncTokens } from "./syncToken.js";

const DOCUMENT = "0b9c2f4e-5d7a-4c1e-9f3b-2a6d8e0c1b4f";
const OTHER_DOCUMENT = "7e1d3c5b-9a2f-4e6d-8c0b-1f3a5d7e9b2c";
const PERSON = "person-1";
const SESSION = "session-1";
/** A whole second, so the reported expiry is exactly issue time plus lifetime. */
const NOW = 1_700_000_000_000;

const tokens = new SyncTokens("a-secret-of-some-length-0123456789", 300);

/** `token` with its payload (part 0) or signature (part 1) changed by `change`. */
function tamper(token: string, part: 0 | 1, change: (value: string) => string): string {
  const parts = token.split(".");
  parts[part] = change(parts[part] as string);
  return parts.join(".");
}

describe("sync tokens", () => {
  it("admit the person they were issued to, on their document, until they expire", () => {
    const { token, expiresAt } = tokens.issue(DOCUMENT, PERSON, SESSION, NOW);
    expect(expiresAt.getTime()).toBe(NOW + 300_000);
    expect(tokens.verify(token, DOCUMENT, NOW)).toEqual({ ok: true, userId: PERSON, sessionId: SESSION });
    expect(tokens.verify(token, DOCUMENT, expiresAt.getTime() - 1)).toEqual({
      ok: true,
      userId: PERSON,
      sessionId: SESSION,
    });
  });

  it("are expired exactly at their expiry, and after", () => {
    const { token, expiresAt } = tokens.issue(DOCUMENT, PERSON, SESSION, NOW);
    expect(tokens.verify(token, DOCUMENT, expiresAt.getTime())).toEqual({ ok: false, reason: "expired" });
    expect(tokens.verify(token, DOCUMENT, expiresAt.getTime() + 60_000)).toEqual({
      ok: false,
      reason: "expired",
    });
  });

  it("stay valid up to the expiry they report when issued mid-second, and last their full lifetime", () => {
    const issuedAt = NOW + 750;
    const { token, expiresAt } = tokens.issue(DOCUMENT, PERSON, SESSION, issuedAt);
    expect(expiresAt.getTime()).toBeGreaterThanOrEqual(issuedAt + 300_000);
    expect(tokens.verify(token, DOCUMENT, expiresAt.getTime() - 1)).toEqual({
      ok: true,
      userId: PERSON,
      sessionId: SESSION,
    });
    expect(tokens.verify(token, DOCUMENT, expiresAt.getTime())).toEqual({ ok: false, reason: "expired" });
  });

  it("do not open another document", () => {
    const { token } = tokens.issue(DOCUMENT, PERSON, SESSION, NOW);
    expect(tokens.verify(token, OTHER_DOCUMENT, NOW)).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuse a payload changed after signing (another person, a later expiry)", () => {
    const { token } = tokens.issue(DOCUMENT, PERSON, SESSION, NOW);
    const forged = (claims: object) => Buffer.from(JSON.stringify(claims)).toString("base64url");
    const otherPerson = tamper(token, 0, () => forged({ d: DOCUMENT, u: "person-2", e: NOW / 1000 + 300 }));
    const laterExpiry = tamper(token, 0, () => forged({ d: DOCUMENT, u: PERSON, e: NOW / 1000 + 9_999 }));
    for (const changed of [otherPerson, laterExpiry]) {
      expect(tokens.verify(changed, DOCUMENT, NOW)).toEqual({ ok: false, reason: "invalid" });
    }
  });

  it("refuse a changed signature, and one signed with another secret", () => {
    const { token } = tokens.issue(DOCUMENT, PERSON, SESSION, NOW);
    const flipped = tamper(token, 1, (signature) => (signature[0] === "A" ? "B" : "A") + signature.slice(1));
    const truncated = tamper(token, 1, (signature) => signature.slice(0, -2));
    const otherSecret = new SyncTokens("another-secret-of-some-length-98765", 300).issue(
      DOCUMENT,
      PERSON,
      SESSION,
      NOW,
    ).token;
    for (const changed of [flipped, truncated, otherSecret]) {
      expect(tokens.verify(changed, DOCUMENT, NOW)).toEqual({ ok: false, reason: "invalid" });
    }
  });

  it.each([
    ["empty", ""],
    ["no signature", "abc"],
    ["empty parts", "."],
    ["three parts", "a.b.c"],
    ["not base64", "%%%.%%%"],
    ["a JWT-looking string", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."],
  ])("refuse garbage (%s)", (_name, garbage) => {
    expect(tokens.verify(garbage, DOCUMENT, NOW)).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuse a correctly signed payload that is not JSON", () => {
    // Signed with the real secret through a subclass: only the claims are wrong.
    class Signer extends SyncTokens {
      signed(payload: string): string {
        return `${payload}.${(this as unknown as { sign(p: string): string }).sign(payload)}`;
      }
    }
    const signer = new Signer("a-secret-of-some-length-0123456789", 300);
    const notJson = signer.signed(Buffer.from("not json").toString("base64url"));
    const missingUser = signer.signed(
      Buffer.from(JSON.stringify({ d: DOCUMENT, s: SESSION, e: NOW / 1000 + 300 })).toString("base64url"),
    );
    const missingSession = signer.signed(
      Buffer.from(JSON.stringify({ d: DOCUMENT, u: PERSON, e: NOW / 1000 + 300 })).toString("base64url"),
    );
    expect(tokens.verify(notJson, DOCUMENT, NOW)).toEqual({ ok: false, reason: "invalid" });
    expect(tokens.verify(missingUser, DOCUMENT, NOW)).toEqual({ ok: false, reason: "invalid" });
    expect(tokens.verify(missingSession, DOCUMENT, NOW)).toEqual({ ok: false, reason: "invalid" });
  });
});
