import type * as Y from "yjs";

/**
 * The owner recorded for client ids written before claims were kept (or by
 * the server itself, such as a new document's template): nobody may write
 * under them again.
 */
export const NOBODY = "";

/** Where claims are kept: the database, or memory for one process's tests. */
export interface ClaimStore {
  /** The owners already recorded of some client ids (absent: unclaimed). */
  owners(clientIds: readonly number[]): Map<number, string> | Promise<Map<number, string>>;
  /** Claims the unclaimed ids for `userId`; returns the owner of each. */
  claim(clientIds: readonly number[], userId: string): Map<number, string> | Promise<Map<number, string>>;
}

/** Claims held in memory: for a room that is not backed by a database. */
export class MemoryClaimStore implements ClaimStore {
  private readonly held = new Map<number, string>();

  owners(clientIds: readonly number[]): Map<number, string> {
    const found = new Map<number, string>();
    for (const id of clientIds) {
      const owner = this.held.get(id);
      if (owner !== undefined) found.set(id, owner);
    }
    return found;
  }

  claim(clientIds: readonly number[], userId: string): Map<number, string> {
    for (const id of clientIds) if (!this.held.has(id)) this.held.set(id, userId);
    return this.owners(clientIds);
  }
}

/**
 * Whose each Yjs client id of one document is. Yjs trusts a struct's
 * (client, clock) as its identity: a peer that already holds a clock drops
 * whatever else arrives under it. So whoever may write under someone
 * else's client id can take the clocks of that person's edits before they
 * arrive (an offline editor's, most often) and make them vanish while they
 * look saved. An id belongs to the first person who writes under it or
 * announces it as their caret; the store decides races between instances.
 * Owners never change, so what is known here is cached for the room's life.
 */
export class ClientClaims {
  private readonly known = new Map<number, string>();
  private readonly inFlight = new Map<number, Promise<void>>();

  constructor(private readonly store: ClaimStore) {}

  /**
   * Reads the owners of the ids already in `doc`; an id with structs there
   * and no recorded owner predates claims and stays nobody's.
   */
  async load(doc: Y.Doc): Promise<void> {
    const ids = [...doc.store.clients.keys()];
    if (ids.length === 0) return;
    const owners = await this.store.owners(ids);
    for (const id of ids) this.known.set(id, owners.get(id) ?? NOBODY);
  }

  /** The owner of a client id, or undefined while that is not known here. */
  ownerOf(clientId: number): string | undefined {
    return this.known.get(clientId);
  }

  /**
   * Claims for `userId` whichever of `clientIds` are not known here yet.
   * Returns nothing when every owner is known at once; else a promise that
   * resolves once they are (rejects when the store fails).
   */
  claim(clientIds: Iterable<number>, userId: string): Promise<void> | undefined {
    // Every keystroke comes here: nothing is allocated while all ids are known.
    let waits: Promise<void>[] | undefined;
    let fresh: number[] | undefined;
    for (const id of clientIds) {
      if (this.known.has(id)) continue;
      waits ??= [];
      fresh ??= [];
      const pending = this.inFlight.get(id);
      if (pending) waits.push(pending);
      else fresh.push(id);
    }
    if (!waits || !fresh) return undefined;
    if (fresh.length > 0) {
      const claimed = fresh;
      const result = this.store.claim(claimed, userId);
      if (result instanceof Map) this.record(claimed, result);
      else {
        const request = result.then(
          (owners) => this.record(claimed, owners),
          (error: unknown) => {
            for (const id of claimed) this.inFlight.delete(id);
            throw error;
          },
        );
        for (const id of claimed) this.inFlight.set(id, request);
        waits.push(request);
      }
    }
    if (waits.length === 0) return undefined;
    return Promise.all(waits).then(() => undefined);
  }

  private record(ids: readonly number[], owners: Map<number, string>): void {
    for (const id of ids) {
      this.known.set(id, owners.get(id) ?? NOBODY);
      this.inFlight.delete(id);
    }
  }
}
