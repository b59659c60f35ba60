import { DELIVERY_SETTINGS_FIELD, deliverySettingsOf, type TDeliverySettings } from "@caucus/shared";
import type * as Y from "yjs";

export interface TDeliveryState {
  settings: TDeliverySettings;
  /** Whether the document has a limit of its own (else the meter uses the default, if its kind shows one). */
  limitSet: boolean;
}

function read(ydoc: Y.Doc): TDeliveryState {
  return {
    settings: deliverySettingsOf(ydoc),
    limitSet: ydoc.getMap<unknown>(DELIVERY_SETTINGS_FIELD).has("limitMode"),
  };
}

/**
 * A document's delivery settings as an external store (for
 * `useSyncExternalStore`): the same object until a co-drafter or this
 * person changes them, a new one after.
 */
export function deliverySettingsStore(ydoc: Y.Doc): {
  subscribe: (listener: () => void) => () => void;
  get: () => TDeliveryState;
} {
  const map = ydoc.getMap<unknown>(DELIVERY_SETTINGS_FIELD);
  let current = read(ydoc);
  return {
    subscribe(listener) {
      // A change between the first read and this subscription is not lost.
      current = read(ydoc);
      const onChange = () => {
        current = read(ydoc);
        listener();
      };
      map.observe(onChange);
      return () => map.unobserve(onChange);
    },
    get: () => current,
  };
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
