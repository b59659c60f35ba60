import { MessageType } from "@caucus/shared";
import fc from "fast-check";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import { encodeCraftedUpdate, type TCraftedContent, type TCraftedUpdate } from "./craftUpdate.js";

/**
 * Frames a hostile client could send on a sync socket, from well-formed
 * messages with hostile contents to bytes that are no message at all.
 * Each says what the frame decoder must make of it.
 */
export interface TFuzzFrame {
  bytes: Uint8Array;
  /** The message type the decoder must read, or "refused" (a ProtocolError), or "either". */
  decodes: "syncStep1" | "update" | "awareness" | "queryAwareness" | "auth" | "refused" | "either";
}

/** Client ids: small ones, Yjs's 32-bit range and past it. */
export const clientId = fc.oneof(
  fc.integer({ min: 0, max: 20 }),
  fc.integer({ min: 0, max: 2 ** 32 - 1 }),
  fc.constantFrom(2 ** 32, 2 ** 53 - 1),
);
const clock = fc.oneof(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 2 ** 31 }));
const shortText = fc.string({ maxLength: 12 });
const jsonValue = fc.jsonValue({ maxDepth: 2 });

/** Any content a struct can carry, including the ones Caucus never writes. */
export const craftedContent: fc.Arbitrary<TCraftedContent> = fc.oneof(
  fc.record({ ref: fc.constant("deleted" as const), length: fc.integer({ min: 1, max: 5 }) }),
  fc.record({
    ref: fc.constant("json" as const),
    values: fc.array(fc.string({ maxLength: 8 }), { minLength: 1, maxLength: 3 }),
  }),
  fc.record({ ref: fc.constant("binary" as const), bytes: fc.uint8Array({ maxLength: 16 }) }),
  fc.record({ ref: fc.constant("string" as const), text: fc.string({ minLength: 1, maxLength: 12 }) }),
  fc.record({
    ref: fc.constant("embed" as const),
    json: fc.oneof(
      jsonValue.map((v) => JSON.stringify(v)),
      shortText,
    ),
  }),
  fc.record({
    ref: fc.constant("format" as const),
    key: fc.constantFrom("bold", "italic", "link", "x"),
    json: fc.oneof(
      jsonValue.map((v) => JSON.stringify(v)),
      shortText,
    ),
  }),
  fc.record({
    ref: fc.constant("type" as const),
    typeRef: fc.integer({ min: 0, max: 9 }),
    name: fc.constantFrom("paragraph", "heading", "x"),
  }),
  fc.record({
    ref: fc.constant("any" as const),
    values: fc.array(jsonValue, { minLength: 1, maxLength: 3 }),
  }),
  fc.record({ ref: fc.constant("doc" as const), guid: shortText, options: jsonValue }),
);

const craftedId = fc.record({ client: clientId, clock });
const rootName = fc.oneof(
  fc.constantFrom("default", "caucus:suggestions", "caucus:delivery", "caucus:authors", "t"),
  shortText,
);

/** An update of random structs and deletions, not aimed at any document. */
export const randomUpdate: fc.Arbitrary<TCraftedUpdate> = fc.record({
  runs: fc.array(
    fc.record({
      client: clientId,
      clock,
      structs: fc.array(
        fc.oneof(
          {
            weight: 6,
            arbitrary: fc.record({
              origin: fc.option(craftedId, { nil: null }),
              rightOrigin: fc.option(craftedId, { nil: null }),
              parent: fc.oneof(rootName, craftedId),
              parentSub: fc.option(shortText, { nil: null }),
              content: craftedContent,
            }),
          },
          { weight: 1, arbitrary: fc.record({ gc: fc.integer({ min: 1, max: 5 }) }) },
          { weight: 1, arbitrary: fc.record({ skip: fc.integer({ min: 1, max: 5 }) }) },
        ),
        { minLength: 1, maxLength: 4 },
      ),
    }),
    { maxLength: 3 },
  ),
  deletes: fc.array(fc.record({ client: clientId, clock, length: fc.integer({ min: 0, max: 10 }) }), {
    maxLength: 3,
  }),
});

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export function syncFrame(syncType: number, payload: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.sync);
    encoding.writeVarUint(e, syncType);
    encoding.writeVarUint8Array(e, payload);
  });
}

/** A state vector: well formed, or cut short. */
const stateVector = fc
  .tuple(fc.array(fc.tuple(clientId, clock), { maxLength: 4 }), fc.option(fc.nat(), { nil: undefined }))
  .map(([entries, cut]) => {
    const bytes = frame((e) => {
      encoding.writeVarUint(e, entries.length);
      for (const [client, at] of entries) {
        encoding.writeVarUint(e, client);
        encoding.writeVarUint(e, at);
      }
    });
    return cut === undefined
      ? { bytes, whole: true }
      : { bytes: bytes.subarray(0, cut % bytes.length), whole: false };
  });

/** An awareness update: entries of client id, clock and a JSON state (or something that is not JSON). */
export const awarenessPayload = fc
  .array(
    fc.record({
      client: clientId,
      clock: fc.oneof(fc.integer({ min: 0, max: 5 }), clock),
      state: fc.oneof(
        fc.constant("null"),
        fc.record({ user: fc.record({ name: shortText, color: shortText }) }).map((s) => JSON.stringify(s)),
        jsonValue.map((v) => JSON.stringify(v)),
        shortText,
      ),
    }),
    { maxLength: 6 },
  )
  .map((entries) =>
    frame((e) => {
      encoding.writeVarUint(e, entries.length);
      for (const entry of entries) {
        encoding.writeVarUint(e, entry.client);
        encoding.writeVarUint(e, entry.clock);
        encoding.writeVarString(e, entry.state);
      }
    }),
  );

const messages: fc.Arbitrary<TFuzzFrame> = fc.oneof(
  stateVector.map(({ bytes, whole }) => ({
    bytes: syncFrame(syncProtocol.messageYjsSyncStep1, bytes),
    decodes: whole ? ("syncStep1" as const) : ("either" as const),
  })),
  fc.tuple(randomUpdate, fc.boolean()).map(([update, step2]) => ({
    bytes: syncFrame(
      step2 ? syncProtocol.messageYjsSyncStep2 : syncProtocol.messageYjsUpdate,
      encodeCraftedUpdate(update),
    ),
    decodes: "update" as const,
  })),
  fc.uint8Array({ maxLength: 40 }).map((payload) => ({
    bytes: syncFrame(syncProtocol.messageYjsUpdate, payload),
    decodes: "update" as const,
  })),
  awarenessPayload.map((payload) => ({
    bytes: frame((e) => {
      encoding.writeVarUint(e, MessageType.awareness);
      encoding.writeVarUint8Array(e, payload);
    }),
    decodes: "awareness" as const,
  })),
  fc.constant({ bytes: Uint8Array.of(MessageType.queryAwareness), decodes: "queryAwareness" as const }),
  fc.tuple(fc.nat(), fc.string({ maxLength: 20 })).map(([permission, reason]) => ({
    bytes: frame((e) => {
      encoding.writeVarUint(e, MessageType.auth);
      encoding.writeVarUint(e, permission);
      encoding.writeVarString(e, reason);
    }),
    decodes: "auth" as const,
  })),
);

/**
 * Any frame: a message (hostile inside, well framed), or one cut short,
 * with bytes after it, with bytes flipped, of an unknown type, or random.
 */
export const fuzzFrame: fc.Arbitrary<TFuzzFrame> = fc.oneof(
  { weight: 4, arbitrary: messages },
  {
    weight: 1,
    arbitrary: fc.tuple(messages, fc.nat()).map(([m, cut]) => {
      const at = cut % Math.max(1, m.bytes.length);
      return {
        bytes: m.bytes.subarray(0, at),
        decodes: at === 0 ? ("refused" as const) : ("either" as const),
      };
    }),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(messages, fc.uint8Array({ minLength: 1, maxLength: 8 })).map(([m, tail]) => ({
      bytes: Uint8Array.from([...m.bytes, ...tail]),
      // A queryAwareness followed by bytes, or an update whose length now covers them, may still be one message.
      decodes: "either" as const,
    })),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(messages, fc.nat(), fc.integer({ min: 1, max: 255 })).map(([m, at, xor]) => {
      const bytes = Uint8Array.from(m.bytes);
      const i = at % bytes.length;
      bytes[i] = (bytes[i] as number) ^ xor;
      return { bytes, decodes: "either" as const };
    }),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 4, max: 2 ** 31 }), fc.uint8Array({ maxLength: 30 }))
      .map(([type, rest]) => ({
        bytes: frame((e) => {
          encoding.writeVarUint(e, type);
          encoding.writeUint8Array(e, rest);
        }),
        decodes: "refused" as const,
      })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 3, max: 100_000 }), fc.uint8Array({ maxLength: 30 }))
      .map(([syncType, rest]) => ({
        bytes: frame((e) => {
          encoding.writeVarUint(e, MessageType.sync);
          encoding.writeVarUint(e, syncType);
          encoding.writeUint8Array(e, rest);
        }),
        decodes: "refused" as const,
      })),
  },
  {
    weight: 1,
    arbitrary: fc.uint8Array({ maxLength: 64 }).map((bytes) => ({ bytes, decodes: "either" as const })),
  },
);
