import i18next from "i18next";
import { useSyncExternalStore } from "react";

/** A person before accounts exist: a name they chose and a colour from it. */
export interface TIdentity {
  name: string;
  color: string;
  /** False until the person kept or typed a name; the app then asks once. */
  chosen: boolean;
}

const NAME_KEY = "caucus:displayName";
const MAX_NAME_LENGTH = 40;

/**
 * Caret colours, each dark enough for white label text (contrast ≥ 4.5:1)
 * and distinct from its neighbours for common colour-vision deficiencies.
 */
export const CARET_PALETTE = [
  "#b42318",
  "#026aa2",
  "#027a48",
  "#6941c6",
  "#b54708",
  "#c11574",
  "#0e7090",
  "#4e5ba6",
] as const;

/** The same name always gets the same colour, on every device (FNV-1a hash). */
export function colorForName(name: string): string {
  let hash = 0x811c9dc5;
  for (const char of name.trim().toLowerCase()) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193);
  }
  return CARET_PALETTE[(hash >>> 0) % CARET_PALETTE.length] as string;
}

/** Trims and bounds a typed name; empty means "keep the current one". */
export function normalizeName(raw: string): string {
  return raw.replace(/\s+/g, " ").trim().slice(0, MAX_NAME_LENGTH);
}

// One guest number per page load until the person keeps a name; the word around it is in the UI's language.
const guestNumber = 1000 + Math.floor(Math.random() * 9000);
const guestName = () => i18next.t("identity.guestName", { number: guestNumber });

// Used when localStorage is disabled, so the name still lasts this page load.
let memoryName: string | null = null;

function readStoredName(): string | null {
  try {
    return localStorage.getItem(NAME_KEY) ?? memoryName;
  } catch {
    return memoryName;
  }
}

const listeners = new Set<() => void>();
let cached: TIdentity | null = null;

function currentIdentity(): TIdentity {
  const stored = readStoredName();
  const name = stored ?? guestName();
  if (!cached || cached.name !== name || cached.chosen !== (stored !== null)) {
    cached = { name, color: colorForName(name), chosen: stored !== null };
  }
  return cached;
}

/** Stores the display name (shared by all tabs) and tells every subscriber. */
export function setDisplayName(raw: string): void {
  const name = normalizeName(raw) || currentIdentity().name;
  memoryName = name;
  try {
    localStorage.setItem(NAME_KEY, name);
  } catch {
    // Storage disabled: memoryName keeps it for this page load.
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Another tab changed the name.
  const onStorage = (event: StorageEvent) => {
    if (event.key === NAME_KEY) listener();
  };
  window.addEventListener("storage", onStorage);
  // A guest name is translated: switching language renames the guest.
  i18next.on("languageChanged", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", onStorage);
    i18next.off("languageChanged", listener);
  };
}

/** The current identity, re-rendering when it changes here or in another tab. */
export function useIdentity(): TIdentity {
  return useSyncExternalStore(subscribe, currentIdentity);
}
