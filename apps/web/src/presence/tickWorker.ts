/// <reference lib="webworker" />
/**
 * A metronome in a dedicated worker. Browsers throttle a hidden page's own
 * timers hard (Chrome: about once a minute after five minutes hidden),
 * which would let a left-open tab drop out of presence between reports;
 * dedicated workers' timers are not throttled that way. The page sends the
 * interval; the worker answers with a message on every beat.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
let timer: ReturnType<typeof setInterval> | undefined;

scope.onmessage = (event: MessageEvent<number | null>) => {
  clearInterval(timer);
  timer = undefined;
  if (typeof event.data === "number" && event.data > 0) {
    timer = setInterval(() => scope.postMessage("tick"), event.data);
  }
};
