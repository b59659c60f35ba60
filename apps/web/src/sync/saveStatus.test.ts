import { CloseCode } from "@caucus/shared";
import { describe, expect, it } from "vitest";
import { computeSaveStatus, OFFLINE_AFTER_FAILED_ATTEMPTS, type TSaveInputs } from "./saveStatus";

const base: TSaveInputs = {
  connection: "connected",
  synced: true,
  browserOnline: true,
  failedAttempts: 0,
  pendingEdits: 0,
  lastCloseCode: null,
};

describe("computeSaveStatus", () => {
  it("says saved only when connected with nothing pending", () => {
    expect(computeSaveStatus(base).state).toBe("saved");
    expect(computeSaveStatus({ ...base, pendingEdits: 1 }).state).toBe("saving");
  });

  it("says neither saved nor saving while the server's copy has not come on an open socket", () => {
    expect(computeSaveStatus({ ...base, synced: false }).state).toBe("reconnecting");
    expect(computeSaveStatus({ ...base, synced: false, pendingEdits: 2 })).toMatchObject({
      state: "reconnecting",
      pendingEdits: 2,
    });
  });

  it("never says saved while disconnected, even with nothing pending", () => {
    const status = computeSaveStatus({ ...base, connection: "disconnected", browserOnline: false });
    expect(status).toEqual({ state: "offline", pendingEdits: 0, closeCode: null });
  });

  it("counts waiting edits while offline", () => {
    const status = computeSaveStatus({
      ...base,
      connection: "connecting",
      browserOnline: false,
      pendingEdits: 7,
    });
    expect(status).toMatchObject({ state: "offline", pendingEdits: 7 });
  });

  it("shows a short blip as reconnecting, a long one as offline", () => {
    const blip = { ...base, connection: "connecting" as const, failedAttempts: 1, lastCloseCode: 1006 };
    expect(computeSaveStatus(blip).state).toBe("reconnecting");
    const outage = { ...blip, failedAttempts: OFFLINE_AFTER_FAILED_ATTEMPTS };
    expect(computeSaveStatus(outage).state).toBe("offline");
  });

  it("keeps the reason of a retryable close for the message", () => {
    const status = computeSaveStatus({
      ...base,
      connection: "connecting",
      lastCloseCode: CloseCode.documentLoadFailed,
    });
    expect(status).toMatchObject({ state: "reconnecting", closeCode: CloseCode.documentLoadFailed });
  });

  it("reports a final close code as an error, whatever the network does", () => {
    for (const code of [CloseCode.forbidden, CloseCode.documentNotFound, CloseCode.documentTooLarge]) {
      const status = computeSaveStatus({
        ...base,
        connection: "disconnected",
        lastCloseCode: code,
        pendingEdits: 2,
      });
      expect(status).toEqual({ state: "error", pendingEdits: 2, closeCode: code });
    }
  });
});
