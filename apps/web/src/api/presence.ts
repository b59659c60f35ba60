import type { TPresenceEntry, TPresenceStatus } from "@caucus/shared";
import { jsonInit, request, segment } from "./client";

const base = (workspaceId: string) => `/api/workspaces/${segment(workspaceId)}/presence`;

/** What a tab says every few seconds: where it is and how its person is. */
export interface TPresenceReportBody {
  connectionId: string;
  documentId: string | null;
  status: TPresenceStatus;
  timeZone: string;
}

/** "Still here": adds or refreshes this tab's entry. */
export async function reportPresence(
  workspaceId: string,
  report: TPresenceReportBody,
): Promise<TPresenceEntry> {
  return (await request<{ entry: TPresenceEntry }>(base(workspaceId), jsonInit("POST", report))).entry;
}

/**
 * Removes this tab's entry. `keepalive` lets the request outlive the page
 * when it is sent while leaving.
 */
export async function leavePresence(workspaceId: string, connectionId: string): Promise<void> {
  await request<{ ok: true }>(`${base(workspaceId)}/leave`, {
    ...jsonInit("POST", { connectionId }),
    keepalive: true,
  });
}

/**
 * Removes this tab's entry while the page is going away, when a fetch may
 * be cut off: `sendBeacon`, which browsers finish after the page is gone. A
 * Blob typed application/json, since the route reads JSON only; the browser
 * sends `Origin` on this same-origin POST, as the API's CSRF check needs.
 * Falls back to a keepalive fetch where beacons are refused.
 */
export function leavePresenceOnExit(workspaceId: string, connectionId: string): void {
  const path = `${base(workspaceId)}/leave`;
  const body = JSON.stringify({ connectionId });
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
  return `${base(workspaceId)}/stream`;
}
