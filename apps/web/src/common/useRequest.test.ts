import { describe, expect, it } from "vitest";
import { createRequest, type TRequestState } from "./useRequest";

/** A promise and the means to settle it from the test. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

/** A request whose every state is recorded. */
function recorded<T>() {
  const states: TRequestState<T>[] = [];
  const request = createRequest<T>((state) => states.push(state));
  return { request, states, last: () => states.at(-1) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("createRequest", () => {
  it("is loading until the answer, then holds it", async () => {
    const { request, last } = recorded<string>();
    const answer = deferred<string>();
    request.run(() => answer.promise, true);
    expect(last()).toEqual({ value: undefined, error: null, loading: true });
    answer.resolve("members");
    await settle();
    expect(last()).toEqual({ value: "members", error: null, loading: false });
  });

  it("holds the error of a failed attempt, and of a loader that throws", async () => {
    const { request, last } = recorded<string>();
    const failure = new Error("offline");
    request.run(() => Promise.reject(failure), true);
    await settle();
    expect(last()).toEqual({ value: undefined, error: failure, loading: false });
    request.run(() => {
      throw failure;
    }, true);
    await settle();
    expect(last()?.error).toBe(failure);
  });

  it("keeps the answer while asking again, and through a failed attempt", async () => {
    const { request, last } = recorded<number>();
    request.run(() => Promise.resolve(1), true);
    await settle();
    const again = deferred<number>();
    request.run(() => again.promise, false);
    expect(last()).toEqual({ value: 1, error: null, loading: true });
    again.reject("down");
    await settle();
    expect(last()).toEqual({ value: 1, error: "down", loading: false });
    request.run(() => Promise.resolve(2), false);
    expect(last()?.error).toBeNull();
    await settle();
    expect(last()).toEqual({ value: 2, error: null, loading: false });
  });

  it("forgets the last answer when something else is asked for", async () => {
    const { request, last } = recorded<string>();
    request.run(() => Promise.resolve("workspace A"), true);
    await settle();
    request.run(() => new Promise<string>(() => {}), true);
    expect(last()).toEqual({ value: undefined, error: null, loading: true });
  });

  it("drops the answer to an earlier ask, whichever settles last", async () => {
    const { request, last } = recorded<string>();
    const first = deferred<string>();
    const second = deferred<string>();
    request.run(() => first.promise, true);
    request.run(() => second.promise, true);
    second.resolve("second");
    await settle();
    first.resolve("first");
    await settle();
    expect(last()).toEqual({ value: "second", error: null, loading: false });
  });

  it("drops every answer once cancelled (unmounted)", async () => {
    const { request, states } = recorded<string>();
    const answer = deferred<string>();
    const failing = deferred<string>();
    request.run(() => answer.promise, true);
    request.cancel();
    answer.resolve("late");
    await settle();
    request.run(() => failing.promise, true);
    request.cancel();
    failing.reject(new Error("late too"));
    await settle();
    expect(states.every((state) => state.value === undefined && state.error === null)).toBe(true);
  });

  it("asks nothing when there is nothing to ask", () => {
    const { request, last } = recorded<string>();
    request.run(() => null, true);
    expect(last()).toEqual({ value: undefined, error: null, loading: false });
  });

  it("changes the answer locally, and an answer still awaited replaces the change", async () => {
    const { request, last } = recorded<string[]>();
    request.run(() => Promise.resolve(["a"]), true);
    await settle();
    request.update((names) => [...(names ?? []), "b"]);
    expect(last()?.value).toEqual(["a", "b"]);
    const fresh = deferred<string[]>();
    request.run(() => fresh.promise, false);
    request.update((names) => names?.filter((name) => name !== "a"));
    expect(last()).toEqual({ value: ["b"], error: null, loading: true });
    fresh.resolve(["a", "b", "c"]);
    await settle();
    expect(last()?.value).toEqual(["a", "b", "c"]);
  });
});
