import { monotonicClock, type TClock, TokenBucket } from "./TokenBucket.js";

export interface TAddressLimitOptions {
  /** Sockets one address may hold open at once on this instance. */
  connectionsPerAddress: number;
  /** Sockets one address may try to open per minute (all at once, then a steady rate). */
  connectionAttemptsPerMinute: number;
  /** Frames one address's sockets may send per second together; bursts of ten seconds' worth. */
  addressMessagesPerSecond: number;
}

interface TAddressEntry {
  open: number;
  attempts: TokenBucket;
  messages: TokenBucket;
}

/**
 * What one client address may do on this instance: how many sockets it
 * holds, how often it opens them, how many frames they send together.
 * Sized for a conference room behind one NAT address, hundreds of people
 * strong; an address that passes them is a program, not a room.
 */
export class AddressLimits {
  private readonly entries = new Map<string, TAddressEntry>();

  constructor(
    private readonly options: TAddressLimitOptions,
    private readonly clock: TClock = monotonicClock,
  ) {}

  /**
   * Counts a new socket from `address` as open, or says why it may not
   * open. Every call is an attempt, refused or not.
   */
  open(address: string): string | undefined {
    const entry = this.entry(address);
    if (!entry.attempts.take()) return "too many connection attempts from your address: wait, then reconnect";
    if (entry.open >= this.options.connectionsPerAddress) return "too many connections from your address";
    entry.open++;
    return undefined;
  }

  /** A socket counted by {@link open} has closed. */
  close(address: string): void {
    const entry = this.entries.get(address);
    if (entry && entry.open > 0) entry.open--;
  }

  /** Takes one frame from the address's shared budget; false when it is spent. */
  takeMessage(address: string): boolean {
    return this.entry(address).messages.take();
  }

  /** Sockets open from `address`, for tests and metrics. */
  openFrom(address: string): number {
    return this.entries.get(address)?.open ?? 0;
  }

  /** Addresses tracked now. */
  get size(): number {
    return this.entries.size;
  }

  /** Forgets addresses with no socket open whose budgets are full again: remembering them changes nothing. */
  prune(): void {
    for (const [address, entry] of this.entries) {
      if (entry.open === 0 && entry.attempts.full && entry.messages.full) this.entries.delete(address);
    }
  }

  private entry(address: string): TAddressEntry {
    let entry = this.entries.get(address);
    if (!entry) {
      const { connectionAttemptsPerMinute, addressMessagesPerSecond } = this.options;
      entry = {
        open: 0,
        attempts: new TokenBucket(connectionAttemptsPerMinute / 60, connectionAttemptsPerMinute, this.clock),
        messages: new TokenBucket(addressMessagesPerSecond, addressMessagesPerSecond * 10, this.clock),
      };
      this.entries.set(address, entry);
    }
    return entry;
  }
}
