import { CAPABILITIES_PARAM, CAPABILITY_STORED, PRESENCE_PARAM } from "@caucus/shared";

/** The sync endpoint on this page's own host. */
export function syncServerUrl(): string {
  return `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/sync`;
}

/**
 * What the web client says when it opens a document's socket: it
 * understands store acknowledgements, and, with `presenceId`, the server
 * keeps this tab's presence while the socket is open.
 */
export function syncParams(presenceId?: string): Record<string, string> {
  return {
    [CAPABILITIES_PARAM]: CAPABILITY_STORED,
    ...(presenceId ? { [PRESENCE_PARAM]: presenceId } : {}),
  };
}
