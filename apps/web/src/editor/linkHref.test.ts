import { describe, expect, it } from "vitest";
import { normalizeLinkHref } from "./linkHref";

describe("normalizeLinkHref", () => {
  it("keeps http, https and mailto links", () => {
    expect(normalizeLinkHref("https://ohchr.org/en")).toBe("https://ohchr.org/en");
    expect(normalizeLinkHref("http://example.org")).toBe("http://example.org/");
    expect(normalizeLinkHref("mailto:team@example.org")).toBe("mailto:team@example.org");
  });

  it("adds the scheme people meant to bare addresses", () => {
    expect(normalizeLinkHref("unodc.org/cybercrime")).toBe("https://unodc.org/cybercrime");
    expect(normalizeLinkHref("team@example.org")).toBe("mailto:team@example.org");
  });

  it("refuses scripts, data and anything that is not an address", () => {
    expect(normalizeLinkHref("javascript:alert(1)")).toBeNull();
    expect(normalizeLinkHref("data:text/html,<b>x</b>")).toBeNull();
    expect(normalizeLinkHref("not a link")).toBeNull();
    expect(normalizeLinkHref("")).toBeNull();
  });
});
