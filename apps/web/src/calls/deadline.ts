/**
 * A call's deadline is an instant; people read it on two clocks: the
 * venue's (the chair says "at 15:00") and their own (a co-drafter in
 * Nairobi or Manila). Everything here is `Intl.DateTimeFormat` with a
 * `timeZone`, so the browser's own time-zone data (daylight saving
 * included) does the work and no library is shipped for it.
 */

const partsFormats = new Map<string, Intl.DateTimeFormat>();

/** A zone's wall-clock fields for an instant, read with one cached formatter per zone. */
function wallFields(instant: number, timeZone: string): Record<string, number> {
  let format = partsFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    partsFormats.set(timeZone, format);
  }
  const fields: Record<string, number> = {};
  for (const part of format.formatToParts(instant)) {
    if (part.type !== "literal") fields[part.type] = Number(part.value);
  }
  return fields;
}

/** Minutes the zone is ahead of UTC at that instant (Geneva in winter: 60). */
export function zoneOffsetMinutes(instant: number, timeZone: string): number {
  const f = wallFields(instant, timeZone);
  const asUtc = Date.UTC(
    f.year ?? 1970,
    (f.month ?? 1) - 1,
    f.day ?? 1,
    f.hour ?? 0,
    f.minute ?? 0,
    f.second ?? 0,
  );
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * The instant at which the zone's clock reads `wall` ("2025-03-04T15:00",
 * as a `datetime-local` input gives it). In the hour skipped when clocks
 * go forward the time is read with the offset from before the change; in
 * the hour repeated when they go back, the first of the two. Null when
 * `wall` is not such a time or names a date that does not exist.
 */
export function wallTimeToInstant(wall: string, timeZone: string): number | null {
  const match = WALL_TIME.exec(wall);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(asUtc);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59)
    return null;
  // The offset a few hours either side of the guess; one of them is the zone's offset then.
  const before = zoneOffsetMinutes(asUtc - 12 * 3_600_000, timeZone);
  const after = zoneOffsetMinutes(asUtc + 12 * 3_600_000, timeZone);
  const candidates = [asUtc - before * 60_000, asUtc - after * 60_000].sort((a, b) => a - b);
  for (const candidate of candidates) {
    if (instantToWallTime(candidate, timeZone) === wall) return candidate;
  }
  // Skipped by a clock change: read with the offset from before it.
  return asUtc - before * 60_000;
}

/** How the zone's clock reads an instant, as a `datetime-local` value ("2025-03-04T15:00"). */
export function instantToWallTime(instant: number, timeZone: string): string {
  const f = wallFields(instant, timeZone);
  const two = (n: number | undefined) => String(n ?? 0).padStart(2, "0");
  return `${f.year}-${two(f.month)}-${two(f.day)}T${two(f.hour)}:${two(f.minute)}`;
}

/** Whether this browser knows `timeZone` as a zone. */
export function isKnownTimeZone(timeZone: string): boolean {
  if (!/^(UTC|[A-Za-z][A-Za-z_-]*(\/[A-Za-z0-9][A-Za-z0-9_+-]*)+)$/.test(timeZone)) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The deadline as a clock in `timeZone` reads it, in the reader's language,
 * with the zone's abbreviation or offset: "Tue, 4 Mar, 15:00 CET".
 */
export function formatDeadline(iso: string, locale: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: "short",
  }).format(date);
}

/** Deadlines closer than this get a countdown ("in 20 min"). */
export const COUNTDOWN_WITHIN_MS = 3 * 60 * 60 * 1000;

/**
 * A countdown for a close deadline, in the reader's language: "in 20 min",
 * "in 2 hr", "5 min ago"; null when the deadline is further away (or long
 * past), where the date says enough. Whole minutes, rounded up while
 * ahead, so "in 1 min" is shown until the minute is over.
 */
export function countdown(iso: string, now: number, locale: string): { text: string; past: boolean } | null {
  const at = new Date(iso).getTime();
  if (Number.isNaN(at)) return null;
  const delta = at - now;
  if (Math.abs(delta) > COUNTDOWN_WITHIN_MS) return null;
  const format = new Intl.RelativeTimeFormat(locale, { numeric: "always", style: "short" });
  const minutes = delta >= 0 ? Math.ceil(delta / 60_000) : -Math.floor(-delta / 60_000);
  const text =
    Math.abs(minutes) < 90
      ? format.format(minutes, "minute")
      : format.format(Math.round(minutes / 60), "hour");
  return { text, past: delta < 0 };
}

/** The viewer's own zone, as the browser says; UTC when it will not. */
export function ownTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}
