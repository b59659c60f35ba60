/** Waits before reopening a stream the browser gave up on (an error answer rather than a dropped connection). */
const REOPEN_AFTER_MS = [3_000, 10_000, 30_000, 60_000] as const;

export interface TStreamHandlers {
  /** The whole state, first thing on each (re)connection. */
  onSnapshot(data: string): void;
  /** One change after the snapshot. */
  onChange(data: string): void;
  /**
   * The stream dropped: `closed` when the browser gave up on it (the server
   * answered with an error) and it will be reopened after a backoff, else
   * the browser is reconnecting by itself.
   */
  onLost(closed: boolean): void;
  /** False while the stream should stay shut (a hidden tab); checked on every (re)open. */
  canOpen?(): boolean;
}

/**
 * Follows one of our Server-Sent Events streams (a `snapshot` event, then
 * `change` events): the browser reconnects by itself after a drop; when it
 * gives up (an error answer), the stream is reopened after 3 s, 10 s, 30 s,
 * then every minute. `open` and `close` can be called again (a hidden tab
 * closes its presence stream); a snapshot resets the backoff.
 */
export function followEventStream(path: string, handlers: TStreamHandlers): { open(): void; close(): void } {
  let source: EventSource | null = null;
  let reopenTimer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;

  const onSnapshot = (event: MessageEvent<string>) => {
    failures = 0;
    handlers.onSnapshot(event.data);
  };
  const onChange = (event: MessageEvent<string>) => handlers.onChange(event.data);
  const onError = () => {
    const closed = source?.readyState === EventSource.CLOSED;
    handlers.onLost(closed);
    if (!closed) return;
    close();
    const delay = REOPEN_AFTER_MS[Math.min(failures, REOPEN_AFTER_MS.length - 1)];
    failures += 1;
    reopenTimer = setTimeout(open, delay);
  };
  function open(): void {
    if (source || handlers.canOpen?.() === false) return;
    clearTimeout(reopenTimer);
    source = new EventSource(path);
    source.addEventListener("snapshot", onSnapshot);
    source.addEventListener("change", onChange);
    source.addEventListener("error", onError);
  }
  function close(): void {
    clearTimeout(reopenTimer);
    if (!source) return;
    source.removeEventListener("snapshot", onSnapshot);
    source.removeEventListener("change", onChange);
    source.removeEventListener("error", onError);
    source.close();
    source = null;
  }
  return { open, close };
}
