import { describe, expect, it } from "vitest";
import { qrPath, totpSecret } from "./totp";

describe("totpSecret", () => {
  it("reads the secret from an otpauth URI, grouped for typing", () => {
    const uri =
      "otpauth://totp/Caucus:amina%40example.org?secret=jbswy3dpehpk3pxpjbsw&issuer=Caucus&digits=6";
    expect(totpSecret(uri)).toBe("JBSW Y3DP EHPK 3PXP JBSW");
  });

  it("returns null without a secret", () => {
    expect(totpSecret("otpauth://totp/Caucus?issuer=Caucus")).toBeNull();
    expect(totpSecret("not a uri")).toBeNull();
  });
});

describe("qrPath", () => {
  it("draws one unit square per dark module", () => {
    expect(
      qrPath([
        [true, false],
        [false, true],
      ]),
    ).toBe("M0 0h1v1h-1zM1 1h1v1h-1z");
  });
});
