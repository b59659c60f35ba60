import {
  estimateSpeakingTime,
  type TDeliverySettings,
  type TTimeEstimate,
  type TWordEstimate,
} from "@caucus/shared";
import { readAloudParagraphs } from "@caucus/shared/editor";
import type { Editor } from "@tiptap/core";
import { useEffect, useRef, useState } from "react";

export type TEstimate = TTimeEstimate | TWordEstimate;

/**
 * How long to wait after an edit before recomputing. Counting is fast
 * (Intl.Segmenter), but a keystroke should not pay for it: during typing
 * the meter catches up at most this often, and once more at the end.
 */
export const ESTIMATE_DELAY_MS = 150;

/** Whether the estimate leaves out the cover page (word limits that say it does not count). */
export function skipsCoverPage(settings: TDeliverySettings): boolean {
  return settings.limit.mode === "words" && !settings.countCoverPage;
}

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
  onEstimate?: (estimate: TEstimate | null) => void,
): TEstimate | null {
  const [estimate, setEstimate] = useState<TEstimate | null>(null);
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
      const paragraphs = readAloudParagraphs(editor.getJSON(), { skipCoverPage: skipsCoverPage(settings) });
      const next = estimateSpeakingTime({
        paragraphs,
        language: settings.language,
        wordsPerMinute: settings.wordsPerMinute,
        limit: settings.limit,
      });
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
