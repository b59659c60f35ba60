import { PRESENCE_STATUSES, type TPresenceStatus } from "@caucus/shared";
import { useSyncExternalStore } from "react";
import { effectiveStatus, IdleTracker } from "./idle";

/**
 * The person's presence status: the one they chose (remembered on this
 * device, shared by its tabs), or "away" while this tab is idle.
 */
const STATUS_KEY = "caucus:presence-status";
const DEFAULT_STATUS: TPresenceStatus = "remote";
/** Input events that mean "the person is at the screen". */
const INPUT_EVENTS = ["keydown", "pointerdown", "pointermove", "wheel", "touchstart"] as const;

function isStatus(value: unknown): value is TPresenceStatus {
  return (PRESENCE_STATUSES as readonly unknown[]).includes(value);
}

function readChosen(): TPresenceStatus {
  try {
    const stored = localStorage.getItem(STATUS_KEY);
    return isStatus(stored) ? stored : DEFAULT_STATUS;
  } catch {
    return DEFAULT_STATUS;
  }
}

let chosen: TPresenceStatus = readChosen();
const idle = new IdleTracker(() => Date.now());
let idleNow = false;
let idleTimer: ReturnType<typeof setTimeout> | undefined;
const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

/** Re-reads the idle rule, telling listeners when it flips, and wakes again when it could next flip. */
function check(): void {
  clearTimeout(idleTimer);
  const next = idle.isIdle();
  if (next !== idleNow) {
    idleNow = next;
    notify();
  }
  if (!idleNow && listeners.size > 0) idleTimer = setTimeout(check, idle.untilIdle() + 250);
}

function onInput(): void {
  idle.input();
  // Cheap on every pointer move: only a flip back from idle does any work.
  if (idleNow) check();
}

function onVisibility(): void {
  idle.setHidden(document.visibilityState === "hidden");
  check();
}

/** Another tab of this device chose a status: follow it. */
function onStorage(event: StorageEvent): void {
  if (event.key !== STATUS_KEY) return;
  const next = readChosen();
  if (next === chosen) return;
  chosen = next;
  notify();
}

function start(): void {
  for (const type of INPUT_EVENTS) window.addEventListener(type, onInput, { capture: true, passive: true });
  document.addEventListener("visibilitychange", onVisibility);
  window.addEventListener("storage", onStorage);
  idle.input();
  idle.setHidden(document.visibilityState === "hidden");
  check();
}

function stop(): void {
  for (const type of INPUT_EVENTS) window.removeEventListener(type, onInput, { capture: true });
  document.removeEventListener("visibilitychange", onVisibility);
  window.removeEventListener("storage", onStorage);
  clearTimeout(idleTimer);
  idleNow = false;
}

/** Hears status changes; input is watched only while someone listens. Returns the unsubscribe. */
export function subscribeStatus(listener: () => void): () => void {
  listeners.add(listener);
  if (listeners.size === 1) start();
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) stop();
  };
}

/** The status this tab reports now. */
export function currentStatus(): TPresenceStatus {
  return effectiveStatus(chosen, idleNow);
}

/** The status the person picked, whatever the idle rule says. */
export function chosenStatus(): TPresenceStatus {
  return chosen;
}

/** Picks a status and remembers it on this device; picking is input, so it also ends "away" by idleness. */
export function chooseStatus(status: TPresenceStatus): void {
  chosen = status;
  try {
    localStorage.setItem(STATUS_KEY, status);
  } catch {
    // Storage disabled: the choice holds for this page load.
  }
  idle.input();
  idleNow = false;
  check();
  notify();
}

export function useChosenStatus(): TPresenceStatus {
  return useSyncExternalStore(subscribeStatus, chosenStatus);
}

export function useCurrentStatus(): TPresenceStatus {
  return useSyncExternalStore(subscribeStatus, currentStatus);
}
