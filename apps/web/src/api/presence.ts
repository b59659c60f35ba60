import type { TPresenceEntry, TPresenceReport } from "@caucus/shared";
import type { InferRequestType } from "hono/client";
import { api, apiPath, read, segment } from "./client";

const presence = api.workspaces[":workspaceId"].presence;

/** What a tab says every few seconds: where it is and how its person is. Inferred from the route's schema. */
export type TPresenceReportBody = TPresenceReport;

/** "Still here": adds or refreshes this tab's entry, and says how long it lives without another report. */
export async function reportPresence(
  workspaceId: string,
  report: TPresenceReportBody,
): Promise<{ entry: TPresenceEntry; ttlMs: number }> {
  return read(presence.$post({ param: { workspaceId: segment(workspaceId) }, json: report }));
}

/**
 * Removes this tab's entry. `keepalive` lets the request outlive the page
 * when it is sent while leaving.
 */
export async function leavePresence(workspaceId: string, connectionId: string): Promise<void> {
  await presence.leave.$post(
    { param: { workspaceId: segment(workspaceId) }, json: { connectionId } },
    { init: { keepalive: true } },
  );
}

/**
 * Removes this tab's entry while the page is going away, when a fetch may
 * be cut off: `sendBeacon`, which browsers finish after the page is gone. A
 * Blob typed application/json, since the route reads JSON only; the browser
 * sends `Origin` on this same-origin POST, as the API's CSRF check needs.
 * Falls back to a keepalive fetch where beacons are refused. Neither goes
 * through `api`: nobody is left to hear an error.
 */
export function leavePresenceOnExit(workspaceId: string, connectionId: string): void {
  const path = apiPath(presence.leave.$path({ param: { workspaceId: segment(workspaceId) } }));
  const leave: InferRequestType<typeof presence.leave.$post>["json"] = { connectionId };
  const body = JSON.stringify(leave);
  try {
    if (navigator.sendBeacon?.(path, new Blob([body], { type: "application/json" }))) return;
  } catch {
    // Some browsers throw for a typed Blob; the fetch below does the same job.
  }
  void fetch(path, {
    method: "POST",
    body,
    headers: { "Content-Type": "application/json" },
    credentials: "same-origin",
    keepalive: true,
  }).catch(() => undefined);
}

/** The Server-Sent Events stream: `snapshot`, then `change` events. */
export function presenceStreamPath(workspaceId: string): string {
  return apiPath(presence.stream.$path({ param: { workspaceId: segment(workspaceId) } }));
}
