import type { TokenBucket } from "./TokenBucket.js";

/**
 * Bounds how often one socket's caret changes are sent on to everyone.
 * Changes over the rate are not dropped but coalesced: the client ids that
 * changed are remembered, and their latest state goes out when the budget
 * allows, so a flood costs one broadcast per interval and the last caret
 * position always arrives.
 */
export class AwarenessThrottle {
  /** Created on the first change over the budget: most sockets never have one. */
  private pending: Set<number> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly budget: TokenBucket,
    private readonly send: (clients: number[]) => void,
  ) {}

  /** The state of `clients` changed: send it now, or with the next allowed send. */
  offer(clients: number[]): void {
    if (this.timer === undefined && this.budget.take()) {
      this.send(clients);
      return;
    }
    this.pending ??= new Set();
    for (const client of clients) this.pending.add(client);
    this.timer ??= setTimeout(flush, this.budget.msUntil(), this).unref();
  }

  /** Changes waiting for the budget, for tests. */
  get waiting(): number {
    return this.pending?.size ?? 0;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = undefined;
  }

  /** Sends what waited, if the budget allows; else waits again. */
  flush(): void {
    this.timer = undefined;
    if (!this.pending || this.pending.size === 0) return;
    if (!this.budget.take()) {
      this.timer = setTimeout(flush, this.budget.msUntil(), this).unref();
      return;
    }
    const clients = [...this.pending];
    this.pending = undefined;
    this.send(clients);
  }
}

/** One function for every throttle's timer, rather than a closure per socket. */
function flush(throttle: AwarenessThrottle): void {
  throttle.flush();
}
