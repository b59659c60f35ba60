/**
 * A person's local time, to see at a glance whether it is the middle of the
 * night where they are: "14:05 in Nairobi".
 */

/** The place an IANA zone is named after: "America/Argentina/Buenos_Aires" → "Buenos Aires", "UTC" → "UTC". */
export function placeOfTimeZone(timeZone: string): string {
  const last = timeZone.split("/").pop() ?? timeZone;
  return last.replace(/_/g, " ");
}

const formatters = new Map<string, Intl.DateTimeFormat | null>();

/** Hours and minutes (24-hour, so "07:00" never reads as evening) at `now` in `timeZone`; null for a zone this browser does not know. */
export function localTimeIn(timeZone: string, now: Date, locale?: string): string | null {
  const key = `${locale ?? ""} ${timeZone}`;
  let formatter = formatters.get(key);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat(locale, {
        timeZone,
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
      });
    } catch {
      formatter = null;
    }
    formatters.set(key, formatter);
  }
  return formatter ? formatter.format(now) : null;
}
