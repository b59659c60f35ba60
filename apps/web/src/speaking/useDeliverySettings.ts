import { useMemo, useSyncExternalStore } from "react";
import type * as Y from "yjs";
import { deliverySettingsStore, type TDeliveryState } from "./deliverySettingsStore";

/**
 * The document's delivery settings (language, pace, limit, forum) and
 * whether it sets a limit of its own, following every change a co-drafter
 * makes. The editor's delivery line and the delivery view both read them here.
 */
export function useDeliverySettings(ydoc: Y.Doc): TDeliveryState {
  const store = useMemo(() => deliverySettingsStore(ydoc), [ydoc]);
  return useSyncExternalStore(store.subscribe, store.get);
}
