/**
 * Every Redis key and channel Caucus uses, one builder each, so a reader can
 * see the whole keyspace here and two modules never spell a key differently.
 * All start with `caucus:`, so Caucus can share a Redis with other programs.
 * A workspace's presence keys share a `{workspaceId}` hash tag, so a script
 * that touches both still works on Redis Cluster.
 */

const PREFIX = "caucus:";

/** Pub/sub channel of rights changes (`TAccessChange`), heard by every instance. */
export function accessChangesChannel(): string {
  return `${PREFIX}access-changes`;
}

/** Hash: connection id → the presence entry's JSON (without lastSeen) in one workspace. */
export function presenceEntriesKey(workspaceId: string): string {
  return `${PREFIX}presence:{${workspaceId}}:entries`;
}

/** Sorted set: connection id scored by its last heartbeat (epoch ms) in one workspace. */
export function presenceSeenKey(workspaceId: string): string {
  return `${PREFIX}presence:{${workspaceId}}:seen`;
}

/** Pub/sub channel of presence changes (joined, updated, left) in one workspace. */
export function presenceChannel(workspaceId: string): string {
  return `${PREFIX}presence:{${workspaceId}}:changes`;
}

/** Pub/sub channel of one document's updates, awareness and catch-up requests between instances. */
export function documentChannel(documentId: string): string {
  return `${PREFIX}doc:{${documentId}}`;
}

/** Pub/sub channel of one workspace's calls board changes (`TBoardChange`). */
export function boardChannel(workspaceId: string): string {
  return `${PREFIX}board:{${workspaceId}}`;
}

/** Pub/sub channel of one document's comment changes (`TCommentChange`). */
export function commentsChannel(documentId: string): string {
  return `${PREFIX}comments:{${documentId}}`;
}
