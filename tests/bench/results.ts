import type { ColdLoadResult } from "./coldLoad.js";
import type { CrossInstanceResult } from "./crossInstance.js";
import type { CrowdedResult } from "./crowded.js";
import type { FanoutResult } from "./fanout.js";
import type { IdleCpuResult } from "./idleCpu.js";
import type { IdleHeapResult } from "./idleHeap.js";
import type { ServerKind } from "./servers.js";
import type { StartMemory } from "./startMemory.js";
import type { StormResult } from "./storm.js";

/** One server's result, with how many cores other processes used meanwhile; or why there is none. */
export type Measured<T> = (T & { foreignCores: number }) | { error: string };
export type PerServer<T> = Partial<Record<ServerKind, Measured<T>>>;

/** Everything one `npm run bench` measured; written to results/latest.json. */
export interface BenchResults {
  fanout?: PerServer<FanoutResult>;
  /** Ours only: readers on the writers' instance against readers on another instance. */
  crossInstance?: CrossInstanceResult;
  coldLoad?: PerServer<ColdLoadResult>;
  /** `@y/websocket-server` again, with its LevelDB persistence: a load from storage like ours. */
  coldLoadStoredReference?: Measured<ColdLoadResult>;
  idleHeap?: PerServer<IdleHeapResult>;
  crowded?: PerServer<CrowdedResult>;
  storm?: PerServer<StormResult>;
  /** Each server idle after a start; ours on the data its first start left. */
  startMemory?: PerServer<StartMemory>;
  /** Ours only: its first start on an empty DATA_DIR. */
  firstStart?: Measured<StartMemory & { documents: number }>;
  idleCpu?: PerServer<IdleCpuResult>;
}

/** The result if it was measured, undefined if it failed or was not run. */
export function measured<T>(result: Measured<T> | undefined): (T & { foreignCores: number }) | undefined {
  return result && !("error" in result) ? result : undefined;
}

/** Every measurement that could not be taken, as "path: error", anywhere in `results`. */
export function failures(results: object, path = ""): string[] {
  const found: string[] = [];
  for (const [key, value] of Object.entries(results)) {
    if (key === "error" && typeof value === "string") found.push(`${path || "bench"}: ${value}`);
    else if (value && typeof value === "object" && !Array.isArray(value))
      found.push(...failures(value, path ? `${path}.${key}` : key));
  }
  return found;
}
