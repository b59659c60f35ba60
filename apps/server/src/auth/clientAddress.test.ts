import { describe, expect, it } from "vitest";
import { clientAddress } from "./clientAddress.js";

describe("clientAddress", () => {
  it("takes the peer unless a proxy is trusted", () => {
    expect(clientAddress("203.0.113.9", "10.0.0.2", false)).toBe("10.0.0.2");
    expect(clientAddress(undefined, undefined, false)).toBe("unknown");
  });

  it("behind a trusted proxy, takes the entry the proxy added (the last), not ones the client forged", () => {
    expect(clientAddress("198.51.100.1, 203.0.113.9", "10.0.0.2", true)).toBe("203.0.113.9");
    expect(clientAddress(" 203.0.113.9 ", "10.0.0.2", true)).toBe("203.0.113.9");
    expect(clientAddress("", "10.0.0.2", true)).toBe("10.0.0.2");
  });
});
