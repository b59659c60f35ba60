/**
 * Plain counters the sync hot path bumps (one field increment per frame);
 * the metrics endpoint reads them at scrape time, so no metrics library
 * code runs per message.
 */
export class SyncStats {
  framesIn = 0;
  bytesIn = 0;
  framesOut = 0;
  bytesOut = 0;
  /** Messages this instance published to, and heard from, the other instances. */
  fanoutPublished = 0;
  fanoutReceived = 0;
  /** Relayed edits this instance stored because their instance did not confirm storing them. */
  fanoutAdopted = 0;
  /** Sockets closed by the server, by close code name. */
  readonly closedByServer = new Map<string, number>();
  /** Durations of the scheduler's writes, in seconds, waiting for the next scrape. */
  private readonly storeDurations: number[] = [];
  /** Round trips of publishes to Redis, in seconds, waiting for the next scrape. */
  private readonly fanoutDurations: number[] = [];
  private static readonly MAX_PENDING_DURATIONS = 10_000;

  recordClose(codeName: string): void {
    this.closedByServer.set(codeName, (this.closedByServer.get(codeName) ?? 0) + 1);
  }

  recordStore(seconds: number): void {
    // Bounded: without a scraper, the oldest are dropped.
    if (this.storeDurations.length >= SyncStats.MAX_PENDING_DURATIONS) this.storeDurations.shift();
    this.storeDurations.push(seconds);
  }

  /** The store durations since the last call. */
  takeStoreDurations(): number[] {
    return this.storeDurations.splice(0);
  }

  recordFanout(seconds: number): void {
    if (this.fanoutDurations.length >= SyncStats.MAX_PENDING_DURATIONS) this.fanoutDurations.shift();
    this.fanoutDurations.push(seconds);
  }

  /** The fan-out publish round trips since the last call. */
  takeFanoutDurations(): number[] {
    return this.fanoutDurations.splice(0);
  }
}
