import { parseLedger, pendingEdits } from "./editLedger";

/**
 * What this device keeps of the person's documents, and how to delete it:
 * for a seized or lost phone ("Sign out and erase this device"), and when
 * the person can no longer read a document or is signed out (the copies
 * they could no longer open must not stay readable on the device).
 *
 * A document leaves its text in an IndexedDB database named by its id
 * (y-indexeddb), and these localStorage entries keyed by its id.
 */
const DOCUMENT_PREFIXES = ["caucus:document:", "caucus:title:", "caucus:pendingEdits:", "caucus:comments:"];
/** Entries about the person rather than a document: their cached account and last workspace. */
const PERSON_KEYS = ["caucus:me", "caucus:workspace", "caucus:presence-status"];
/** What erasing everything still keeps: the interface language, which says nothing of the person. */
const KEPT_ON_ERASE = new Set(["caucus:language"]);
const PENDING_PREFIX = "caucus:pendingEdits:";

function storedKeys(): string[] {
  try {
    return Array.from({ length: localStorage.length }, (_, i) => localStorage.key(i)).filter(
      (key): key is string => key !== null,
    );
  } catch {
    return [];
  }
}

function removeKeys(keys: string[]): void {
  for (const key of keys) {
    try {
      localStorage.removeItem(key);
    } catch {
      // Disabled storage holds nothing.
    }
  }
}

/** Edits made on this device, in every document, that the server has not stored yet. */
export function unsentEdits(): number {
  let count = 0;
  for (const key of storedKeys()) {
    if (!key.startsWith(PENDING_PREFIX)) continue;
    try {
      count += pendingEdits(parseLedger(localStorage.getItem(key)), null);
    } catch {
      // An unreadable ledger counts nothing.
    }
  }
  return count;
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    try {
      const request = indexedDB.deleteDatabase(name);
      request.onsuccess = () => resolve();
      request.onerror = () => resolve();
      // Another tab still has it open: it goes as soon as that tab lets go.
      request.onblocked = () => resolve();
    } catch {
      resolve();
    }
  });
}

/** Open sessions of a document, told when its copy is deleted so they stop writing to it. */
const holders = new Map<string, Set<() => void>>();

/** Hears the deletion of `documentId`'s copy (an open session lets go of it). Returns the unsubscribe function. */
export function onCopyForgotten(documentId: string, listener: () => void): () => void {
  let listeners = holders.get(documentId);
  if (!listeners) {
    listeners = new Set();
    holders.set(documentId, listeners);
  }
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) holders.delete(documentId);
  };
}

/**
 * Deletes one document's copy on this device: its text and what was kept
 * beside it. A session that has it open lets go first, and writes nothing
 * to it again.
 */
export async function forgetDocumentCopy(documentId: string): Promise<void> {
  for (const listener of [...(holders.get(documentId) ?? [])]) listener();
  removeKeys(DOCUMENT_PREFIXES.map((prefix) => `${prefix}${documentId}`));
  await deleteDatabase(documentId);
}

/** The documents this device holds a copy of, by their localStorage entries and IndexedDB names. */
async function keptDocumentIds(): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const key of storedKeys()) {
    const prefix = DOCUMENT_PREFIXES.find((candidate) => key.startsWith(candidate));
    if (prefix) ids.add(key.slice(prefix.length));
  }
  try {
    for (const database of await indexedDB.databases()) if (database.name) ids.add(database.name);
  } catch {
    // No databases() (older engines): the ids from localStorage cover what the app opened.
  }
  return ids;
}

/**
 * Deletes every document copy and what the device knows of the person, but
 * keeps the app itself cached, so signing in again on a slow link does not
 * download it anew. For a session that ended (signed out, here or
 * everywhere).
 */
export async function eraseDocumentCopies(): Promise<void> {
  const ids = await keptDocumentIds();
  removeKeys(PERSON_KEYS);
  await Promise.all([...ids].map(forgetDocumentCopy));
}

/**
 * Deletes everything Caucus keeps on this device: document copies, stored
 * state, the cached app and its service worker. Only the interface
 * language stays.
 */
export async function eraseDevice(): Promise<void> {
  await eraseDocumentCopies();
  removeKeys(storedKeys().filter((key) => !KEPT_ON_ERASE.has(key)));
  try {
    sessionStorage.clear();
  } catch {
    // Nothing stored.
  }
  try {
    await Promise.all((await caches.keys()).map((name) => caches.delete(name)));
  } catch {
    // No Cache Storage (an insecure origin): nothing cached.
  }
  try {
    const registrations = await navigator.serviceWorker?.getRegistrations();
    await Promise.all((registrations ?? []).map((registration) => registration.unregister()));
  } catch {
    // No service worker.
  }
}
