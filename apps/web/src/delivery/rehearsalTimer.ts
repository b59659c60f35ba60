/**
 * The rehearsal stopwatch, as plain values: the page keeps one in state
 * and reads the elapsed time from it at each tick. `now` is passed in
 * (performance.now() in the page) so the tests need no clock.
 */
export interface TRehearsalTimer {
  /** When the current run started, or null when paused. */
  runningSince: number | null;
  /** Time counted by earlier runs, in milliseconds. */
  bankedMs: number;
}

export const STOPPED_TIMER: TRehearsalTimer = { runningSince: null, bankedMs: 0 };

export function elapsedMs(timer: TRehearsalTimer, now: number): number {
  return timer.bankedMs + (timer.runningSince === null ? 0 : Math.max(0, now - timer.runningSince));
}

/** Starts a paused timer, pauses a running one. */
export function toggleTimer(timer: TRehearsalTimer, now: number): TRehearsalTimer {
  return timer.runningSince === null
    ? { runningSince: now, bankedMs: timer.bankedMs }
    : { runningSince: null, bankedMs: elapsedMs(timer, now) };
}

/** Where the speaker should be in the text by now, for the paragraph they are on. */
export interface TParagraphPacing {
  /** Elapsed time at which the paragraph should start and end, at the document's pace. */
  startsAt: number;
  endsAt: number;
  /** "ahead": not yet due to start it; "behind": should have finished it. */
  pace: "ahead" | "onPace" | "behind";
  /** How far ahead or behind, in seconds (0 on pace). */
  bySeconds: number;
}

/**
 * The paragraph's window in the rehearsal, from the estimator's
 * per-paragraph seconds, and whether `elapsedSeconds` falls in it.
 */
export function paragraphPacing(
  paragraphSeconds: readonly number[],
  index: number,
  elapsedSeconds: number,
): TParagraphPacing | null {
  if (index < 0 || index >= paragraphSeconds.length) return null;
  let startsAt = 0;
  for (let i = 0; i < index; i++) startsAt += paragraphSeconds[i] ?? 0;
  const endsAt = startsAt + (paragraphSeconds[index] ?? 0);
  if (elapsedSeconds < startsAt)
    return { startsAt, endsAt, pace: "ahead", bySeconds: startsAt - elapsedSeconds };
  if (elapsedSeconds > endsAt)
    return { startsAt, endsAt, pace: "behind", bySeconds: elapsedSeconds - endsAt };
  return { startsAt, endsAt, pace: "onPace", bySeconds: 0 };
}
