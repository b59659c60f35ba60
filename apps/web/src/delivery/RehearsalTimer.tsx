import { formatDuration, type TLimit } from "@caucus/shared";
import { useEffect, useState } from "react";
import { useTranslation } from "../i18n";
import { TestId } from "../testIds";
import { elapsedMs, paragraphPacing, type TRehearsalTimer } from "./rehearsalTimer";

/** How often the display refreshes while the timer runs: often enough that seconds never skip. */
const TICK_MS = 250;

/**
 * The rehearsal stopwatch: elapsed against the limit, and against the
 * window the paragraph at the reading line should be read in.
 */
export function RehearsalTimer({
  timer,
  onToggle,
  onReset,
  limit,
  estimateSeconds,
  paragraphSeconds,
  readerAt,
}: {
  timer: TRehearsalTimer;
  onToggle: () => void;
  onReset: () => void;
  limit: TLimit;
  estimateSeconds: number;
  paragraphSeconds: readonly number[];
  readerAt: number;
}) {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => performance.now());
  const running = timer.runningSince !== null;
  useEffect(() => {
    setNow(performance.now());
    if (!running) return;
    const interval = setInterval(() => setNow(performance.now()), TICK_MS);
    return () => clearInterval(interval);
  }, [running]);

  const elapsed = Math.floor(elapsedMs(timer, now) / 1000);
  // In word-limit mode the time to beat is the estimate itself.
  const target = limit.mode === "time" ? limit.seconds : estimateSeconds;
  const over = elapsed > target;
  const pacing = paragraphPacing(paragraphSeconds, readerAt, elapsed);
  // Empty paragraphs take no time; count only those with words.
  const spoken = paragraphSeconds.filter((seconds) => seconds > 0).length;

  return (
    <fieldset className="rehearsal">
      <legend className="visually-hidden">{t("delivery.timer.label")}</legend>
      <output
        className={`rehearsal__elapsed${over ? " rehearsal__elapsed--over" : ""}`}
        data-testid={TestId.rehearsalElapsed}
        data-state={running ? "running" : "paused"}
        aria-live="off"
      >
        {t("delivery.timer.elapsedOfLimit", {
          elapsed: formatDuration(elapsed),
          limit: formatDuration(target),
        })}
        {over && (
          <span className="rehearsal__over">
            {" "}
            {t("delivery.timer.over", { over: formatDuration(elapsed - target) })}
          </span>
        )}
      </output>
      <button
        type="button"
        className="button primary"
        onClick={onToggle}
        aria-keyshortcuts="T"
        data-testid={TestId.rehearsalToggle}
      >
        {running ? t("delivery.timer.pause") : t("delivery.timer.start")}
      </button>
      <button
        type="button"
        className="button secondary"
        onClick={onReset}
        disabled={!running && elapsed === 0}
      >
        {t("delivery.timer.reset")}
      </button>
      {pacing && spoken > 0 && (
        <span
          className="rehearsal__paragraph"
          data-testid={TestId.rehearsalParagraph}
          data-paragraph={readerAt + 1}
        >
          {t("delivery.timer.paragraph", { current: readerAt + 1, total: paragraphSeconds.length })}
          {/* A stage note or an empty paragraph takes no time: no "due 0:20–0:20". */}
          {pacing.endsAt > pacing.startsAt &&
            ` · ${t("delivery.timer.due", {
              from: formatDuration(pacing.startsAt),
              to: formatDuration(pacing.endsAt),
            })}`}
          {(running || elapsed > 0) && (
            <span className={`rehearsal__pace rehearsal__pace--${pacing.pace}`}>
              {" · "}
              {pacing.pace === "onPace"
                ? t("delivery.timer.onPace")
                : t(pacing.pace === "ahead" ? "delivery.timer.ahead" : "delivery.timer.behind", {
                    by: formatDuration(pacing.bySeconds),
                  })}
            </span>
          )}
        </span>
      )}
    </fieldset>
  );
}
