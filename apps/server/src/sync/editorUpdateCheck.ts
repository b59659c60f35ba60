import * as encoding from "lib0/encoding";
import * as Y from "yjs";

/**
 * What an editor's update may not do to other people's text, beyond
 * writing under their client ids (ClientClaims): Yjs trusts every peer to
 * describe only what it holds, and a hostile one that does not can make
 * the text vanish or differ between people. The in-process fuzzer found
 * both (see docs/RELIABILITY.md). No client sends either: a client deletes
 * and inserts next to only what it holds, which is what the server sent it
 * and its own edits. The sender's own client ids are left alone: whatever
 * it does ahead of itself is its own.
 *
 * - A deletion of clocks this document does not hold yet, under another
 *   person's id, is dropped: Yjs would keep it pending and delete, the
 *   moment they arrive, the next words that person types, for everyone
 *   but them.
 * - An insertion placed next to or into another person's clocks this
 *   document does not hold (Yjs would hold it back until they arrive, and
 *   place it then, unseen by their author), or between neighbours that are
 *   not in order (its right neighbour before its left one, or in another
 *   list: two copies would place it differently, and people would read
 *   different texts from then on) refuses the whole update. A client that
 *   built on text the server lost in a crash sends it again on reconnecting,
 *   once the text's author has sent it back.
 *
 * Returns the update (the same bytes when nothing was dropped) or why it is
 * refused. Throws what `Y.decodeUpdate` throws for an update that does not decode.
 */
export function checkEditorUpdate(
  doc: Y.Doc,
  update: Uint8Array,
  isSenders: (clientId: number) => boolean,
): { update: Uint8Array; dropped: boolean } | { refused: string } {
  const decoded = Y.decodeUpdate(update);
  const { store } = doc;
  const inStore = (id: Y.ID) => id.clock < Y.getState(store, id.client);
  const held = (id: Y.ID | null) => id === null || isSenders(id.client) || inStore(id);
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue;
    const { origin, rightOrigin, parent } = struct;
    if (!held(origin) || !held(rightOrigin) || (parent instanceof Y.ID && !held(parent))) {
      return { refused: "an insertion next to or into text this document does not hold" };
    }
    // Neighbours the server holds, the sender's own included, must be in
    // order; one of the sender's that is new in this update (or waits for
    // one) has no place yet to check against.
    if (origin === null || rightOrigin === null || !inStore(origin) || !inStore(rightOrigin)) continue;
    if (!inOrder(store, origin, rightOrigin))
      return { refused: "an insertion between neighbours that are not in order" };
  }
  let kept: Map<number, Array<{ clock: number; len: number }>> | undefined;
  for (const [client, ranges] of decoded.ds.clients) {
    if (isSenders(client)) continue;
    const state = Y.getState(store, client);
    if (ranges.every((range) => range.clock + range.len <= state)) continue;
    kept ??= new Map(
      [...decoded.ds.clients].map(([id, all]) => [id, all.map(({ clock, len }) => ({ clock, len }))]),
    );
    kept.set(
      client,
      ranges
        .filter((range) => range.clock < state)
        .map((range) => ({ clock: range.clock, len: Math.min(range.len, state - range.clock) })),
    );
  }
  if (!kept) return { update, dropped: false };
  return { update: encodeUpdate(decoded.structs, kept), dropped: true };
}

/** Whether the clock `left` comes before the clock `right` in one list, as every copy has them. */
function inOrder(store: Y.Doc["store"], left: Y.ID, right: Y.ID): boolean {
  const leftItem = Y.getItem(store, left);
  const rightItem = Y.getItem(store, right);
  // Collected (their list was deleted): Yjs drops what is placed in them.
  if (!(leftItem instanceof Y.Item) || !(rightItem instanceof Y.Item)) return true;
  if (leftItem.parent !== rightItem.parent || leftItem.parentSub !== rightItem.parentSub) return false;
  if (leftItem === rightItem) return left.client === right.client && left.clock < right.clock;
  for (let next = leftItem.right; next !== null; next = next.right) if (next === rightItem) return true;
  return false;
}

/** Writes structs (each client's consecutive, as decoded) and a delete set as a v1 update, with Yjs's own struct writers. */
function encodeUpdate(
  structs: Array<Y.Item | Y.GC | Y.Skip>,
  deletions: Map<number, Array<{ clock: number; len: number }>>,
): Uint8Array {
  const encoder = new Y.UpdateEncoderV1();
  const runs: Array<Array<Y.Item | Y.GC | Y.Skip>> = [];
  for (const struct of structs) {
    const run = runs.at(-1);
    if (run && run[0]?.id.client === struct.id.client) run.push(struct);
    else runs.push([struct]);
  }
  encoding.writeVarUint(encoder.restEncoder, runs.length);
  for (const run of runs) {
    const first = run[0] as Y.Item;
    encoding.writeVarUint(encoder.restEncoder, run.length);
    encoder.writeClient(first.id.client);
    encoding.writeVarUint(encoder.restEncoder, first.id.clock);
    for (const struct of run) struct.write(encoder, 0);
  }
  const clients = [...deletions].filter(([, ranges]) => ranges.length > 0);
  encoding.writeVarUint(encoder.restEncoder, clients.length);
  for (const [client, ranges] of clients) {
    encoder.resetDsCurVal();
    encoding.writeVarUint(encoder.restEncoder, client);
    encoding.writeVarUint(encoder.restEncoder, ranges.length);
    for (const range of ranges) {
      encoder.writeDsClock(range.clock);
      encoder.writeDsLen(range.len);
    }
  }
  return encoder.toUint8Array();
}
