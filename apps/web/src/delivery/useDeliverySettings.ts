import { DELIVERY_SETTINGS_FIELD, readDeliverySettings, type TDeliverySettings } from "@caucus/shared";
import { useMemo, useSyncExternalStore } from "react";
import type * as Y from "yjs";

/** The document's delivery settings (language, pace, limit, forum), following co-drafters' changes live. */
export function useDeliverySettings(ydoc: Y.Doc): TDeliverySettings {
  const store = useMemo(() => {
    const map = ydoc.getMap<unknown>(DELIVERY_SETTINGS_FIELD);
    let current = readDeliverySettings(new Map(map.entries()));
    return {
      subscribe(listener: () => void) {
        // A change between the first read and this subscription is not lost.
        current = readDeliverySettings(new Map(map.entries()));
        const onChange = () => {
          current = readDeliverySettings(new Map(map.entries()));
          listener();
        };
        map.observe(onChange);
        return () => map.unobserve(onChange);
      },
      get: () => current,
    };
  }, [ydoc]);
  return useSyncExternalStore(store.subscribe, store.get);
}
