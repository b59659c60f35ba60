/** A repeating beat; `stop` ends it. */
export interface TTicker {
  stop(): void;
}

/**
 * Calls `beat` every `everyMs`, from a dedicated worker's timer when the
 * browser allows one (not throttled in hidden tabs), else from this page's.
 */
export function startTicker(everyMs: number, beat: () => void): TTicker {
  try {
    const worker = new Worker(new URL("./tickWorker.ts", import.meta.url), { type: "module" });
    worker.onmessage = () => beat();
    worker.postMessage(everyMs);
    return {
      stop() {
        worker.postMessage(null);
        worker.terminate();
      },
    };
  } catch {
    const timer = setInterval(beat, everyMs);
    return { stop: () => clearInterval(timer) };
  }
}
