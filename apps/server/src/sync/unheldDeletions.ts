import * as encoding from "lib0/encoding";
import * as Y from "yjs";

/**
 * An update's deletions of clocks this document does not hold yet, under
 * client ids that are not the sender's, are dropped. Yjs keeps such a
 * deletion pending and applies it the moment those clocks arrive: an
 * editor could delete, ahead of time, the next thousand characters another
 * person types, which would then vanish for everyone but their author (the
 * in-process fuzzer found it, see docs/RELIABILITY.md). No client sends
 * one: a client deletes only what it holds, and it holds only what the
 * server sent it and its own edits. The sender's own ids are left alone:
 * whatever it deletes ahead of itself is its own.
 *
 * Returns the update unchanged (the same bytes) when nothing is dropped.
 * Throws what `Y.decodeUpdate` throws for an update that does not decode.
 */
export function withoutUnheldDeletions(
  doc: Y.Doc,
  update: Uint8Array,
  isSenders: (clientId: number) => boolean,
): Uint8Array {
  const decoded = Y.decodeUpdate(update);
  let kept: Map<number, Array<{ clock: number; len: number }>> | undefined;
  for (const [client, ranges] of decoded.ds.clients) {
    if (isSenders(client)) continue;
    const held = Y.getState(doc.store, client);
    if (ranges.every((range) => range.clock + range.len <= held)) continue;
    kept ??= new Map(
      [...decoded.ds.clients].map(([id, all]) => [id, all.map(({ clock, len }) => ({ clock, len }))]),
    );
    kept.set(
      client,
      ranges
        .filter((range) => range.clock < held)
        .map((range) => ({ clock: range.clock, len: Math.min(range.len, held - range.clock) })),
    );
  }
  if (!kept) return update;
  return encodeUpdate(decoded.structs, kept);
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
