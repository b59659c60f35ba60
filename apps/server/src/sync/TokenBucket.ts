/** Milliseconds on a monotonic clock; injectable so tests can move time. */
export type TClock = () => number;

export const monotonicClock: TClock = () => performance.now();

/**
 * A token bucket: holds up to `burst` tokens and gains `perSecond` of them
 * each second. Taking is synchronous and allocation free, so it can sit on
 * the per-frame path (rate-limiter-flexible answers with a promise, which
 * would reorder frames).
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    readonly perSecond: number,
    readonly burst: number,
    private readonly clock: TClock = monotonicClock,
  ) {
    this.tokens = burst;
    this.last = clock();
  }

  /** Takes `count` tokens if there are that many; otherwise takes none and returns false. */
  take(count = 1): boolean {
    this.refill();
    if (this.tokens < count) return false;
    this.tokens -= count;
    return true;
  }

  /** Milliseconds until `count` tokens are there (0 when they are now). */
  msUntil(count = 1): number {
    this.refill();
    if (this.tokens >= count) return 0;
    // Less a hair, so float error (0.99 tokens read as 0.9899…) does not add a millisecond.
    return Math.ceil(((count - this.tokens) / this.perSecond) * 1000 - 1e-6);
  }

  /** True when the bucket is full again, i.e. forgetting it changes nothing. */
  get full(): boolean {
    this.refill();
    return this.tokens >= this.burst;
  }

  private refill(): void {
    const now = this.clock();
    const elapsed = now - this.last;
    if (elapsed <= 0) return;
    this.last = now;
    this.tokens = Math.min(this.burst, this.tokens + (elapsed / 1000) * this.perSecond);
  }
}
