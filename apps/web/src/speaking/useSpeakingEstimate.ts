import type { TDeliverySettings } from "@caucus/shared";
import { estimateDelivery, type TSpeakingEstimate } from "@caucus/shared/editor";
import type { Editor } from "@tiptap/core";
import { useEffect, useRef, useState } from "react";

/**
 * How long to wait after an edit before recomputing. Counting is fast
 * (Intl.Segmenter), but a keystroke should not pay for it: during typing
 * the meter catches up at most this often, and once more at the end.
 */
export const ESTIMATE_DELAY_MS = 150;

/**
 * The document's speaking time against its limit, recomputed after every
 * change to the text (local or a co-drafter's) and every change of the
 * settings; null while `enabled` is false. `onEstimate` hears each new
 * estimate, with the editor current (for the paragraph badges).
 */
export function useSpeakingEstimate(
  editor: Editor | null,
  settings: TDeliverySettings,
  enabled: boolean,
  onEstimate?: (estimate: TSpeakingEstimate | null) => void,
): TSpeakingEstimate | null {
  const [estimate, setEstimate] = useState<TSpeakingEstimate | null>(null);
  const heard = useRef(onEstimate);
  heard.current = onEstimate;
  // The settings by value: a new object with the same content must not restart the effect.
  const settingsKey = JSON.stringify(settings);
  // biome-ignore lint/correctness/useExhaustiveDependencies: settingsKey stands for settings.
  useEffect(() => {
    if (!editor || editor.isDestroyed || !enabled) {
      setEstimate(null);
      heard.current?.(null);
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const compute = () => {
      timer = undefined;
      if (editor.isDestroyed) return;
      const next = estimateDelivery(editor.getJSON(), settings);
      setEstimate(next);
      heard.current?.(next);
    };
    // A trailing throttle rather than a debounce: while someone types without pause the meter still moves.
    const schedule = () => {
      if (timer === undefined) timer = setTimeout(compute, ESTIMATE_DELAY_MS);
    };
    compute();
    editor.on("update", schedule);
    return () => {
      editor.off("update", schedule);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [editor, enabled, settingsKey]);
  return estimate;
}
