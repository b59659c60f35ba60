import type { TAuditEvent } from "@caucus/shared";

const HEADER = [
  "time_utc",
  "action",
  "actor_name",
  "actor_email",
  "target_type",
  "target_id",
  "target",
  "detail",
];

/**
 * One CSV line per event (RFC 4180 quoting). Cells that a spreadsheet
 * would run as a formula (=, +, -, @, tab, CR) get a leading apostrophe:
 * names and titles are typed by members, and an export must not execute them.
 */
export function auditCsvLines(events: TAuditEvent[], withHeader: boolean): string {
  const lines = events.map((event) =>
    [
      event.at,
      event.action,
      event.actor?.name ?? "",
      event.actor?.email ?? "",
      event.target?.type ?? "",
      event.target?.id ?? "",
      event.target?.label ?? "",
      Object.keys(event.detail).length > 0 ? JSON.stringify(event.detail) : "",
    ]
      .map(cell)
      .join(","),
  );
  if (withHeader) lines.unshift(HEADER.join(","));
  return lines.map((line) => `${line}\r\n`).join("");
}

function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
