import { useCallback, useEffect, useMemo, useState } from "react";

/** What a request has given so far. */
export interface TRequestState<T> {
  /** The last answer: kept while asking again, undefined before the first (or once something else is asked for). */
  value: T | undefined;
  /** Why the last attempt failed; null when it did not (or has not yet). Cleared when asking again. */
  error: unknown;
  /** Whether an answer is awaited. */
  loading: boolean;
}

/** A request's state, and what a page can do with it. */
export interface TRequest<T> extends TRequestState<T> {
  /** "error" when the last attempt failed, else "ready" once there is an answer, else "loading". */
  status: "loading" | "ready" | "error";
  /** Asks again: an answer stays shown meanwhile, an error gives way to "loading". */
  reload: () => void;
  /** Changes the answer here, after a write the server confirmed (an answer still awaited replaces it). */
  update: (change: (value: T | undefined) => T | undefined) => void;
}

/** What asks: a promise of the answer, or null when there is nothing to ask (not a member, no token). */
export type TLoad<T> = () => Promise<T> | null;

const IDLE: TRequestState<never> = { value: undefined, error: null, loading: false };

/**
 * The state machine behind {@link useRequest}, apart from React so that it
 * can be tested as it is: each `run` supersedes the ones before it, whose
 * answers are then dropped, as are all after `cancel`.
 */
export function createRequest<T>(onChange: (state: TRequestState<T>) => void) {
  let state: TRequestState<T> = IDLE;
  let generation = 0;
  const set = (next: TRequestState<T>) => {
    state = next;
    onChange(next);
  };
  return {
    get state(): TRequestState<T> {
      return state;
    },
    /** Asks; `fresh` forgets the last answer first (something else is asked for). */
    run(load: TLoad<T>, fresh: boolean): void {
      const asked = ++generation;
      const value = fresh ? undefined : state.value;
      let promise: Promise<T> | null;
      try {
        promise = load();
      } catch (error) {
        promise = Promise.reject(error);
      }
      if (!promise) {
        set({ value, error: null, loading: false });
        return;
      }
      set({ value, error: null, loading: true });
      promise.then(
        (answer) => {
          if (asked === generation) set({ value: answer, error: null, loading: false });
        },
        (error: unknown) => {
          if (asked === generation) set({ value: state.value, error, loading: false });
        },
      );
    },
    /** Drops the answer to whatever is being asked: unmounted, or about to ask something else. */
    cancel(): void {
      generation++;
    },
    update(change: (value: T | undefined) => T | undefined): void {
      set({ ...state, value: change(state.value) });
    },
  };
}

/**
 * Loads what a component shows: asks when mounted and whenever `load`
 * changes (wrap it in `useCallback` with what it reads), and drops a late
 * answer once unmounted or once something else is asked for, so it never
 * lands on the wrong page. The one loader hook of the web app, in place of
 * a hand-written `let current = true` in every component.
 */
export function useRequest<T>(load: TLoad<T>): TRequest<T> {
  // Loading from the first render: the effect asks right after it.
  const [state, setState] = useState<TRequestState<T>>({ ...IDLE, loading: true });
  const request = useMemo(() => createRequest<T>(setState), []);
  useEffect(() => {
    request.run(load, true);
    return () => request.cancel();
  }, [request, load]);
  // Stable while `load` is, like a setter, so it may go into a dependency list.
  const reload = useCallback(() => request.run(load, false), [request, load]);
  return useMemo(
    () => ({
      ...state,
      status: state.error !== null ? "error" : state.value !== undefined ? "ready" : "loading",
      reload,
      update: request.update,
    }),
    [state, request, reload],
  );
}
