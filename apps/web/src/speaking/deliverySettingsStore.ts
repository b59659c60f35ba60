import { DELIVERY_SETTINGS_FIELD, readDeliverySettings, type TDeliverySettings } from "@caucus/shared";
import { useEffect, useState } from "react";
import type * as Y from "yjs";

export interface TDeliveryState {
  settings: TDeliverySettings;
  /** Whether the document has a limit of its own (else the meter uses the default, if its kind shows one). */
  limitSet: boolean;
}

function read(map: Y.Map<unknown>): TDeliveryState {
  return { settings: readDeliverySettings(new Map(map.entries())), limitSet: map.has("limitMode") };
}

/** The document's delivery settings, following every change a co-drafter makes. */
export function useDeliverySettings(ydoc: Y.Doc): TDeliveryState {
  const map = ydoc.getMap<unknown>(DELIVERY_SETTINGS_FIELD);
  const [state, setState] = useState(() => read(map));
  useEffect(() => {
    const update = () => setState(read(map));
    update();
    map.observe(update);
    return () => map.unobserve(update);
  }, [map]);
  return state;
}

/**
 * Writes settings into the document's Y.Map in one transaction, only the
 * entries that changed: two people changing different settings at once
 * both keep their change.
 */
export function writeDeliverySettings(ydoc: Y.Doc, entries: Record<string, string | number | boolean>): void {
  const map = ydoc.getMap<unknown>(DELIVERY_SETTINGS_FIELD);
  ydoc.transact(() => {
    for (const [key, value] of Object.entries(entries)) {
      if (map.get(key) !== value) map.set(key, value);
    }
  });
}

/** Takes the document's limit away (kinds that are not read aloud then hide the meter). */
export function clearDeliveryLimit(ydoc: Y.Doc): void {
  ydoc.getMap<unknown>(DELIVERY_SETTINGS_FIELD).delete("limitMode");
}
