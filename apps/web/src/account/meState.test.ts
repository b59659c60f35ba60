import type { TMe } from "@caucus/shared";
import { describe, expect, it } from "vitest";
import { ApiError, NETWORK_ERROR } from "../api/client";
import { meStateAfterFailure } from "./meState";

const me: TMe = {
  user: { id: "u1", name: "Amina Yusuf", email: "amina@example.org", twoFactorEnabled: false },
  workspaces: [{ id: "w1", name: "My coalition", createdAt: "2026-01-01T00:00:00Z", role: "owner" }],
};

describe("meStateAfterFailure", () => {
  it("treats a 401 as signed out even with a cached answer", () => {
    expect(meStateAfterFailure(new ApiError("", 401, "unauthorized"), me)).toEqual({ status: "signedOut" });
  });

  it("keeps an offline device signed in with its cached answer", () => {
    expect(meStateAfterFailure(new ApiError("", 0, NETWORK_ERROR), me)).toEqual({
      status: "signedIn",
      me,
      offline: true,
    });
    expect(meStateAfterFailure(new ApiError("", 503, "http503"), me)).toMatchObject({ offline: true });
  });

  it("reports the failure when nothing is cached or the server answered", () => {
    const network = new ApiError("", 0, NETWORK_ERROR);
    expect(meStateAfterFailure(network, null)).toEqual({ status: "error", error: network });
    const internal = new ApiError("", 500, "internal");
    expect(meStateAfterFailure(internal, me)).toEqual({ status: "error", error: internal });
  });
});
