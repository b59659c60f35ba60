import { DELIVERY_SETTINGS_FIELD, defaultDeliverySettings } from "@caucus/shared";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { clearDeliveryLimit, deliverySettingsStore, writeDeliverySettings } from "./deliverySettingsStore";

describe("deliverySettingsStore", () => {
  it("reads the settings, with defaults, and whether a limit is set", () => {
    const ydoc = new Y.Doc();
    const store = deliverySettingsStore(ydoc);
    expect(store.get()).toEqual({ settings: defaultDeliverySettings("en"), limitSet: false });
    expect(store.get()).toBe(store.get());
  });

  it("tells its listener of every change, with a new state, until unsubscribed", () => {
    const ydoc = new Y.Doc();
    const store = deliverySettingsStore(ydoc);
    let heard = 0;
    const unsubscribe = store.subscribe(() => heard++);
    const before = store.get();
    writeDeliverySettings(ydoc, { limitMode: "words", limitWords: 400 });
    expect(heard).toBe(1);
    expect(store.get()).not.toBe(before);
    expect(store.get()).toMatchObject({ settings: { limit: { mode: "words", words: 400 } }, limitSet: true });
    clearDeliveryLimit(ydoc);
    expect(store.get().limitSet).toBe(false);
    unsubscribe();
    writeDeliverySettings(ydoc, { forum: "CCPCJ" });
    expect(heard).toBe(2);
  });

  it("does not miss a change made between its first read and the subscription", () => {
    const ydoc = new Y.Doc();
    const store = deliverySettingsStore(ydoc);
    store.get();
    ydoc.getMap(DELIVERY_SETTINGS_FIELD).set("language", "fr");
    store.subscribe(() => {});
    expect(store.get().settings.language).toBe("fr");
  });

  it("writes only the entries that changed", () => {
    const ydoc = new Y.Doc();
    writeDeliverySettings(ydoc, { language: "es", forum: "HRC" });
    let changed: string[] = [];
    ydoc.getMap(DELIVERY_SETTINGS_FIELD).observe((event) => {
      changed = [...event.keysChanged];
    });
    writeDeliverySettings(ydoc, { language: "es", forum: "HRC 61" });
    expect(changed).toEqual(["forum"]);
  });
});
