import type { TPresenceStatus } from "@caucus/shared";

/** After this long without keyboard or pointer input, or hidden this long, a tab counts as away. */
export const IDLE_AFTER_MS = 5 * 60_000;

/**
 * Whether the person has left their screen: no keyboard or pointer input
 * for `idleMs`, or the tab hidden for `idleMs`. The clock is injected so the
 * rule can be tested without waiting five minutes.
 */
export class IdleTracker {
  private lastInput: number;
  private hiddenSince: number | null = null;

  constructor(
    private readonly now: () => number,
    private readonly idleMs = IDLE_AFTER_MS,
  ) {
    this.lastInput = now();
  }

  /** Keyboard or pointer input: the person is here. */
  input(): void {
    this.lastInput = this.now();
  }

  /** The tab was hidden or shown. Showing it is not input: the person may not be looking. */
  setHidden(hidden: boolean): void {
    if (!hidden) this.hiddenSince = null;
    else this.hiddenSince ??= this.now();
  }

  isIdle(): boolean {
    const now = this.now();
    if (now - this.lastInput >= this.idleMs) return true;
    return this.hiddenSince !== null && now - this.hiddenSince >= this.idleMs;
  }

  /** Milliseconds until `isIdle` could turn true with nothing else happening, for a timer. */
  untilIdle(): number {
    const now = this.now();
    const byInput = this.lastInput + this.idleMs - now;
    const byHidden = this.hiddenSince === null ? byInput : this.hiddenSince + this.idleMs - now;
    return Math.max(0, Math.min(byInput, byHidden));
  }
}

/** The status a tab reports: "away" while idle, else the one the person chose. */
export function effectiveStatus(chosen: TPresenceStatus, idle: boolean): TPresenceStatus {
  return idle ? "away" : chosen;
}
