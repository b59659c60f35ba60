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

/** The rates of a {@link FrameBudget}, one object for every socket of a server. */
export interface TFrameBudgetRates {
  framesPerSecond: number;
  frameBurst: number;
  bytesPerSecond: number;
  byteBurst: number;
  /** Bytes of answers to sync step 1 the socket may be sent. */
  answerBytesPerSecond: number;
  answerBurst: number;
}

/** What a socket may still be sent in answers to its sync step 1. */
export interface TAnswerBudget {
  /** Takes `byteLength` bytes of answer if they are there; otherwise takes nothing and returns false. */
  takeAnswer(byteLength: number): boolean;
}

/** No limit on answers (unit tests' sockets). */
export const UNLIMITED_ANSWERS: TAnswerBudget = { takeAnswer: () => true };

/**
 * Three token buckets refilled together, for one socket: the frames and
 * bytes it sends, and the bytes of answers to its sync step 1 it is sent.
 * One small object per socket, the rates shared, where three buckets cost
 * an idle socket three objects and clocks (see docs/PERFORMANCE.md, memory
 * per idle socket).
 */
export class FrameBudget implements TAnswerBudget {
  private frames: number;
  private bytes: number;
  private answers: number;
  private last: number;

  constructor(
    private readonly rates: TFrameBudgetRates,
    private readonly clock: TClock = monotonicClock,
  ) {
    this.frames = rates.frameBurst;
    this.bytes = rates.byteBurst;
    this.answers = rates.answerBurst;
    this.last = clock();
  }

  /** Takes one frame of `byteLength` bytes if both are there; otherwise takes nothing and returns false. */
  take(byteLength: number): boolean {
    this.refill();
    if (this.frames < 1 || this.bytes < byteLength) return false;
    this.frames -= 1;
    this.bytes -= byteLength;
    return true;
  }

  takeAnswer(byteLength: number): boolean {
    this.refill();
    if (this.answers < byteLength) return false;
    this.answers -= byteLength;
    return true;
  }

  private refill(): void {
    const now = this.clock();
    const elapsed = now - this.last;
    if (elapsed <= 0) return;
    const { rates } = this;
    const seconds = elapsed / 1000;
    this.last = now;
    this.frames = Math.min(rates.frameBurst, this.frames + seconds * rates.framesPerSecond);
    this.bytes = Math.min(rates.byteBurst, this.bytes + seconds * rates.bytesPerSecond);
    this.answers = Math.min(rates.answerBurst, this.answers + seconds * rates.answerBytesPerSecond);
  }
}
