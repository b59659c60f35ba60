import type { TestAccount } from "./accounts.js";
import type { ServerAddress } from "./clients.js";

/** One Server-Sent Event as it arrived. */
export interface TStreamEvent {
  event: string;
  data: unknown;
}

/** An event stream of ours followed as a browser tab would, recording what it sends. */
export interface FollowedStream {
  readonly status: number;
  readonly events: TStreamEvent[];
  /** True once the server ended the stream. */
  ended(): boolean;
  close(): Promise<void>;
}

/**
 * Opens `path` (one of the `…/stream` routes) on `server` with `account`'s
 * cookie and reads it in the background until the server ends it or
 * `close` is called.
 */
export async function followStream(
  server: ServerAddress,
  path: string,
  account: TestAccount,
): Promise<FollowedStream> {
  const abort = new AbortController();
  const response = await fetch(`${server.url}${path}`, {
    headers: { cookie: account.cookie },
    signal: abort.signal,
  });
  const events: TStreamEvent[] = [];
  let ended = false;
  const reading = (async () => {
    if (!response.body || response.status !== 200) return;
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        ended = true;
        return;
      }
      buffer += value;
      for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: ?(.*)$/m.exec(block)?.[1] ?? "message";
        const data = [...block.matchAll(/^data: ?(.*)$/gm)].map((match) => match[1]).join("\n");
        // Comment lines (keep-alives) carry no data.
        if (data) events.push({ event, data: JSON.parse(data) });
      }
    }
  })().catch(() => undefined);
  return {
    status: response.status,
    events,
    ended: () => ended,
    async close() {
      abort.abort();
      await reading;
    },
  };
}
