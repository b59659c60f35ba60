import { MAX_LIMIT_SECONDS } from "@caucus/shared";

/**
 * A time limit typed by a person: "1:30" (m:ss) or "2" (whole minutes).
 * Null when it is not one, or is zero or over an hour.
 */
export function parseDuration(typed: string): number | null {
  const text = typed.trim();
  const minutesOnly = /^(\d{1,2})$/.exec(text);
  const withSeconds = /^(\d{1,2}):([0-5]\d)$/.exec(text);
  const seconds = minutesOnly
    ? Number(minutesOnly[1]) * 60
    : withSeconds
      ? Number(withSeconds[1]) * 60 + Number(withSeconds[2])
      : null;
  if (seconds === null || seconds < 1 || seconds > MAX_LIMIT_SECONDS) return null;
  return seconds;
}

/** The seconds a time-limit choice stands for: its preset, or the custom m:ss (null when that is not a limit). */
export function chosenSeconds(choice: { preset: string; custom: string }): number | null {
  return choice.preset === "custom" ? parseDuration(choice.custom) : Number(choice.preset);
}
