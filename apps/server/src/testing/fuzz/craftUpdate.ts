import * as encoding from "lib0/encoding";

/**
 * Yjs updates written byte by byte (update format v1, as `Y.encodeStateAsUpdate`
 * writes them), so that a fuzzer can say exactly what a hostile client
 * would: any client id and clock, an origin or parent that points
 * anywhere, any map key, any content, any deletion. Building them through
 * a `Y.Doc` could only say what Yjs itself would do.
 */

export interface TCraftedId {
  client: number;
  clock: number;
}

export type TCraftedContent =
  | { ref: "deleted"; length: number }
  | { ref: "json"; values: string[] }
  | { ref: "binary"; bytes: Uint8Array }
  | { ref: "string"; text: string }
  | { ref: "embed"; json: string }
  | { ref: "format"; key: string; json: string }
  /** 0 array, 1 map, 2 text, 3 XML element (named), 4 XML fragment, 5 XML hook (named), 6 XML text; others are unknown. */
  | { ref: "type"; typeRef: number; name?: string }
  | { ref: "any"; values: unknown[] }
  | { ref: "doc"; guid: string; options: unknown };

export interface TCraftedItem {
  origin?: TCraftedId | null;
  rightOrigin?: TCraftedId | null;
  /** A root type's name, or the item of a nested type. Written only with neither origin. */
  parent: string | TCraftedId;
  /** The key, for a map entry. */
  parentSub?: string | null;
  content: TCraftedContent;
}

/** One client's run of structs, consecutive from `clock`. */
export interface TCraftedRun {
  client: number;
  clock: number;
  structs: Array<TCraftedItem | { gc: number } | { skip: number }>;
}

export interface TCraftedUpdate {
  runs: TCraftedRun[];
  deletes: Array<TCraftedId & { length: number }>;
}

const CONTENT_REF = {
  deleted: 1,
  json: 2,
  binary: 3,
  string: 4,
  embed: 5,
  format: 6,
  type: 7,
  any: 8,
  doc: 9,
};

/** The length (in clock ticks) of a crafted struct, as Yjs will count it. */
export function craftedLength(struct: TCraftedRun["structs"][number]): number {
  if ("gc" in struct) return struct.gc;
  if ("skip" in struct) return struct.skip;
  const { content } = struct;
  switch (content.ref) {
    case "deleted":
      return content.length;
    case "json":
      return content.values.length;
    case "any":
      return content.values.length;
    case "string":
      // Yjs counts UTF-16 code units.
      return content.text.length;
    default:
      return 1;
  }
}

export function encodeCraftedUpdate(update: TCraftedUpdate): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, update.runs.length);
  for (const run of update.runs) {
    encoding.writeVarUint(encoder, run.structs.length);
    encoding.writeVarUint(encoder, run.client);
    encoding.writeVarUint(encoder, run.clock);
    for (const struct of run.structs) writeStruct(encoder, struct);
  }
  const byClient = new Map<number, Array<{ clock: number; length: number }>>();
  for (const deletion of update.deletes) {
    const ranges = byClient.get(deletion.client) ?? [];
    ranges.push(deletion);
    byClient.set(deletion.client, ranges);
  }
  encoding.writeVarUint(encoder, byClient.size);
  for (const [client, ranges] of byClient) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, ranges.length);
    for (const range of ranges) {
      encoding.writeVarUint(encoder, range.clock);
      encoding.writeVarUint(encoder, range.length);
    }
  }
  return encoding.toUint8Array(encoder);
}

function writeId(encoder: encoding.Encoder, id: TCraftedId): void {
  encoding.writeVarUint(encoder, id.client);
  encoding.writeVarUint(encoder, id.clock);
}

function writeStruct(encoder: encoding.Encoder, struct: TCraftedRun["structs"][number]): void {
  if ("gc" in struct) {
    encoding.writeUint8(encoder, 0);
    encoding.writeVarUint(encoder, struct.gc);
    return;
  }
  if ("skip" in struct) {
    encoding.writeUint8(encoder, 10);
    encoding.writeVarUint(encoder, struct.skip);
    return;
  }
  const origin = struct.origin ?? null;
  const rightOrigin = struct.rightOrigin ?? null;
  const parentSub = struct.parentSub ?? null;
  const info =
    CONTENT_REF[struct.content.ref] |
    (origin === null ? 0 : 0x80) |
    (rightOrigin === null ? 0 : 0x40) |
    (parentSub === null ? 0 : 0x20);
  encoding.writeUint8(encoder, info);
  if (origin !== null) writeId(encoder, origin);
  if (rightOrigin !== null) writeId(encoder, rightOrigin);
  if (origin === null && rightOrigin === null) {
    if (typeof struct.parent === "string") {
      encoding.writeVarUint(encoder, 1);
      encoding.writeVarString(encoder, struct.parent);
    } else {
      encoding.writeVarUint(encoder, 0);
      writeId(encoder, struct.parent);
    }
    if (parentSub !== null) encoding.writeVarString(encoder, parentSub);
  }
  writeContent(encoder, struct.content);
}

function writeContent(encoder: encoding.Encoder, content: TCraftedContent): void {
  switch (content.ref) {
    case "deleted":
      encoding.writeVarUint(encoder, content.length);
      return;
    case "json":
      encoding.writeVarUint(encoder, content.values.length);
      for (const value of content.values) encoding.writeVarString(encoder, value);
      return;
    case "binary":
      encoding.writeVarUint8Array(encoder, content.bytes);
      return;
    case "string":
      encoding.writeVarString(encoder, content.text);
      return;
    case "embed":
      encoding.writeVarString(encoder, content.json);
      return;
    case "format":
      encoding.writeVarString(encoder, content.key);
      encoding.writeVarString(encoder, content.json);
      return;
    case "type":
      encoding.writeVarUint(encoder, content.typeRef);
      if (content.typeRef === 3 || content.typeRef === 5)
        encoding.writeVarString(encoder, content.name ?? "p");
      return;
    case "any":
      encoding.writeVarUint(encoder, content.values.length);
      for (const value of content.values) encoding.writeAny(encoder, value as never);
      return;
    case "doc":
      encoding.writeVarString(encoder, content.guid);
      encoding.writeAny(encoder, content.options as never);
      return;
  }
}
