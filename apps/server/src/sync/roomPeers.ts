/** What a room tells the other instances holding its document. */
export interface TRoomPeers {
  /** This instance's id as a map key (hex). */
  readonly self: string;
  /** Publishes an edit a socket of ours made; returns its seq, for the store to acknowledge. */
  publishUpdate(update: Uint8Array): number;
  /** Publishes changed carets of our sockets. */
  publishAwareness(changed: number[]): void;
  /** True while edits of other instances wait here for their owner to store them. */
  readonly holding: boolean;
  /** Stores held edits older than `olderThanMs` as ours (their owner may be gone). */
  adopt(olderThanMs?: number): void;
  /** Asks the other instances for what this one lacks. */
  requestCatchUp(): void;
  /** Stops listening to the other instances. */
  dispose(): void;
}

/** A room alone in the service: nobody to tell. */
export const NO_PEERS: TRoomPeers = {
  self: "",
  publishUpdate: () => 0,
  publishAwareness: () => {},
  holding: false,
  adopt: () => {},
  requestCatchUp: () => {},
  dispose: () => {},
};
