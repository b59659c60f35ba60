import { formatDuration } from "@caucus/shared";
import type { TSpeakingEstimate } from "@caucus/shared/editor";
import { useTranslation } from "../i18n";
import { TestId } from "../testIds";

/**
 * The live meter: reading time against the time limit (or words against
 * the word limit), words used and left. Over the limit it turns red and
 * says so in words; only that sentence is a live region, so a screen
 * reader hears when the text crosses the limit, not every keystroke.
 */
export function SpeakingMeter({
  estimate,
  wordsPerMinute,
}: {
  estimate: TSpeakingEstimate;
  wordsPerMinute: number;
}) {
  const { t, i18n } = useTranslation();
  const number = (value: number) => value.toLocaleString(i18n.language);
  const wordsLeft = estimate.wordsLeft;
  const overBy =
    estimate.mode === "time"
      ? t("meter.overTime", { time: formatDuration(estimate.seconds - estimate.limitSeconds) })
      : t("meter.overWords", { count: -wordsLeft, n: number(-wordsLeft) });
  return (
    <div
      className={`speaking-meter${estimate.over ? " speaking-meter--over" : ""}`}
      data-testid={TestId.speakingMeter}
      data-over={estimate.over}
      data-words={estimate.words}
      data-seconds={estimate.seconds}
    >
      <span className="speaking-meter__main" data-testid={TestId.speakingTime}>
        {estimate.mode === "time"
          ? t("meter.time", {
              time: formatDuration(estimate.seconds),
              limit: formatDuration(estimate.limitSeconds),
            })
          : t("meter.wordsOfLimit", {
              count: estimate.words,
              n: number(estimate.words),
              limit: number(estimate.limitWords),
            })}
      </span>
      <span className="speaking-meter__detail speaking-meter__count">
        {estimate.mode === "time"
          ? t("meter.words", { count: estimate.words, n: number(estimate.words) })
          : t("meter.readingTime", { time: formatDuration(estimate.seconds) })}
      </span>
      <span className="speaking-meter__detail speaking-meter__left">
        {wordsLeft >= 0
          ? t("meter.wordsLeft", { count: wordsLeft, n: number(wordsLeft) })
          : t("meter.wordsOver", { count: -wordsLeft, n: number(-wordsLeft) })}
      </span>
      <span className="speaking-meter__detail speaking-meter__pace">
        {t("meter.pace", { wpm: wordsPerMinute })}
      </span>
      <span className="speaking-meter__warning" role="status" data-testid={TestId.speakingWarning}>
        {estimate.over ? overBy : ""}
      </span>
    </div>
  );
}
