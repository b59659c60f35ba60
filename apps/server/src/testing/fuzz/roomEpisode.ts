import { CloseCode, DOCUMENT_FIELD, MessageType, SUGGESTIONS_FIELD } from "@caucus/shared";
import { readSuggestion, SUGGESTION_LIMITS } from "@caucus/shared/editor";
import fc from "fast-check";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { type ClaimStore, ClientClaims, MemoryClaimStore } from "../../sync/ClientClaims.js";
import type { Connection } from "../../sync/Connection.js";
import type { DocumentRoom } from "../../sync/DocumentRoom.js";
import { ProtocolError, RoomRefusal } from "../../sync/messages.js";
import { testRoom } from "../rooms.js";
import { fakeConnection, joinSynced, nextTurn } from "../sockets.js";
import {
  encodeCraftedUpdate,
  type TCraftedContent,
  type TCraftedId,
  type TCraftedItem,
  type TCraftedRun,
} from "./craftUpdate.js";
import { documentView, plainText, viewWithoutOwnSuggestions } from "./documentView.js";
import { clientId, craftedContent, fuzzFrame, syncFrame, type TFuzzFrame } from "./frameArbitraries.js";
import {
  PEOPLE,
  Replica,
  RoomPropertyFailure,
  type TAttacker,
  type TFakeConnection,
  type TOutcome,
} from "./roomParties.js";

/**
 * The room under attack: Tom (an editor) types and Carol (a commenter)
 * suggests, as their clients would, while Eve (an editor), Mallory (a
 * commenter) and Victor (a viewer) send what no client would, much of it
 * aimed at what the room holds: structs under Tom's and Carol's client
 * ids, entries under keys already taken, origins and parents pointing at
 * anyone's items, deletions of anyone's items, carets under others' ids.
 *
 * After every frame: nothing but a ProtocolError or a RoomRefusal with a
 * named close code came out of the room; Victor changed nothing; Mallory
 * changed nothing but her own suggestions; Eve wrote nothing under another
 * person's client id; nobody else's caret changed. Tom's and Carol's
 * frames are all applied (Carol's past a budget only when the budget is
 * really passed). At the end, Tom's copy and the room agree on every one
 * of Tom's structs and on the text.
 */

type TClientRef = "own" | "tom" | "carol" | "eve" | "mallory" | "fresh" | number;
interface TItemRef {
  among: "any" | "tom" | "carol" | "suggestions" | "text";
  pick: number;
}
type TKeyRef = "fresh" | { existing: number } | string;
type TSuggestionForgery = "own" | "otherAuthor" | "idMismatch" | "extraField" | "badAnchor" | "longInsert";

interface TAimedStruct {
  client: TClientRef;
  clockAt: "next" | "gap" | "held" | "zero";
  origin: TItemRef | null;
  rightOrigin: TItemRef | null;
  parent: "text" | "suggestions" | "delivery" | "other" | { item: TItemRef };
  key: TKeyRef | null;
  content: { suggestion: TSuggestionForgery } | TCraftedContent;
}

export type TStep =
  | { kind: "type"; remove: boolean; pick: number }
  | { kind: "suggest"; insert: string; anchor: string }
  | { kind: "withdraw"; pick: number }
  | { kind: "frame"; who: TAttacker; frame: TFuzzFrame }
  | {
      kind: "aimed";
      who: TAttacker;
      structs: TAimedStruct[];
      deletes: Array<{ target: TItemRef; length: number }>;
      asStep2: boolean;
    }
  | { kind: "caret"; who: TAttacker; client: TClientRef; clock: number; state: string };

const attacker = fc.constantFrom<TAttacker>("eve", "mallory", "victor");
const clientRef: fc.Arbitrary<TClientRef> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom<TClientRef>("own", "tom", "carol", "eve", "mallory", "fresh") },
  { weight: 1, arbitrary: clientId },
);
const itemRef: fc.Arbitrary<TItemRef> = fc.record({
  among: fc.constantFrom("any", "tom", "carol", "suggestions", "text"),
  pick: fc.nat(),
});
const base64 = fc.stringMatching(/^[A-Za-z0-9+/]{4,40}={0,2}$/);
const aimedStruct: fc.Arbitrary<TAimedStruct> = fc.record({
  client: clientRef,
  clockAt: fc.constantFrom("next", "next", "gap", "held", "zero"),
  origin: fc.option(itemRef, { nil: null, freq: 3 }),
  rightOrigin: fc.option(itemRef, { nil: null, freq: 4 }),
  parent: fc.oneof(
    {
      weight: 4,
      arbitrary: fc.constantFrom(
        "text" as const,
        "suggestions" as const,
        "suggestions" as const,
        "delivery" as const,
        "other" as const,
      ),
    },
    { weight: 1, arbitrary: fc.record({ item: itemRef }) },
  ),
  key: fc.option(
    fc.oneof(fc.constant<TKeyRef>("fresh"), fc.record({ existing: fc.nat() }), fc.string({ maxLength: 10 })),
    { nil: null, freq: 4 },
  ),
  content: fc.oneof(
    {
      weight: 3,
      arbitrary: fc.record({
        suggestion: fc.constantFrom<TSuggestionForgery>(
          "own",
          "otherAuthor",
          "idMismatch",
          "extraField",
          "badAnchor",
          "longInsert",
        ),
      }),
    },
    { weight: 2, arbitrary: craftedContent },
  ),
});

export const roomStep: fc.Arbitrary<TStep> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({ kind: fc.constant("type" as const), remove: fc.boolean(), pick: fc.nat() }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("suggest" as const),
      insert: fc.string({ maxLength: 30 }),
      anchor: base64,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("withdraw" as const), pick: fc.nat() }) },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant("frame" as const), who: attacker, frame: fuzzFrame }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant("aimed" as const),
      who: attacker,
      structs: fc.array(aimedStruct, { minLength: 1, maxLength: 3 }),
      deletes: fc.array(fc.record({ target: itemRef, length: fc.integer({ min: 1, max: 4 }) }), {
        maxLength: 2,
      }),
      asStep2: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("caret" as const),
      who: attacker,
      client: clientRef,
      clock: fc.integer({ min: 0, max: 5 }),
      state: fc.constantFrom('{"user":{"name":"Tom","color":"#333"}}', "null", '{"cursor":1}'),
    }),
  },
);

export const roomEpisode = fc.record({
  steps: fc.array(roomStep, { minLength: 10, maxLength: 120 }),
  /** Claims answered by a promise, as from PostgreSQL, or at once, as from memory. */
  slowClaims: fc.boolean(),
  /** Tom's and Carol's client ids, apart from each other and from the attackers' small ones. */
  seedIds: fc
    .tuple(fc.integer({ min: 2 ** 20, max: 2 ** 30 }), fc.integer({ min: 1, max: 2 ** 20 }))
    .map(([tom, offset]) => [tom, tom + offset] as const),
});
export type TRoomEpisode = typeof roomEpisode extends fc.Arbitrary<infer T> ? T : never;

/** What the room fuzzer counts. */
export class RoomFuzzStats {
  episodes = 0;
  frames = 0;
  applied = 0;
  closes = new Map<string, number>();
  denied = 0;
  tomEdits = 0;
  carolSuggestions = 0;
  carolWithdrawals = 0;
  overBudget = 0;
}

const NAMED_CODES: ReadonlySet<number> = new Set(Object.values(CloseCode));

/** A claim store that answers a turn later, as the database does. */
class SlowClaimStore implements ClaimStore {
  private readonly memory = new MemoryClaimStore();
  owners(ids: readonly number[]) {
    return Promise.resolve().then(() => this.memory.owners(ids));
  }
  claim(ids: readonly number[], userId: string) {
    return new Promise<Map<number, string>>((resolve) =>
      setImmediate(() => resolve(this.memory.claim(ids, userId))),
    );
  }
}

function fail(message: string): never {
  throw new RoomPropertyFailure(message);
}

/** Runs one episode; throws a RoomPropertyFailure when the room breaks a property. */
export async function runRoomEpisode(episode: TRoomEpisode, stats: RoomFuzzStats): Promise<void> {
  const claims = new ClientClaims(episode.slowClaims ? new SlowClaimStore() : new MemoryClaimStore());
  const room = testRoom({ claims });
  try {
    await new RoomAttack(room, claims, episode, stats).run();
  } finally {
    room.destroy();
  }
}

class RoomAttack {
  private readonly tom: Replica;
  private carol: Replica;
  private readonly attackers = new Map<TAttacker, { connection: TFakeConnection; own: number }>();
  private tokens = 0;
  private suggestionIds = 0;
  private updates = 0;

  constructor(
    private readonly room: DocumentRoom,
    private readonly claims: ClientClaims,
    private readonly episode: TRoomEpisode,
    private readonly stats: RoomFuzzStats,
  ) {
    this.tom = new Replica(room, PEOPLE.tom, episode.seedIds[0]);
    this.carol = new Replica(room, PEOPLE.carol, episode.seedIds[1]);
    let own = episode.seedIds[1];
    for (const who of ["eve", "mallory", "victor"] as const) {
      own += 1 + (episode.seedIds[0] % 1000);
      this.attackers.set(who, { connection: this.join(who), own });
    }
    room.doc.on("update", () => this.updates++);
  }

  async run(): Promise<void> {
    this.stats.episodes++;
    // Both announce their carets first, as clients do on connecting: their ids are theirs before anyone sees them.
    this.expectApplied("Tom's caret", await this.tom.announce(this.deliver));
    this.expectApplied("Carol's caret", await this.carol.announce(this.deliver));
    await this.tomTypes((doc) => {
      const paragraph = new Y.XmlElement("paragraph");
      doc.getXmlFragment(DOCUMENT_FIELD).insert(0, [paragraph]);
      paragraph.insert(0, [new Y.XmlText("")]);
    });
    for (const step of this.episode.steps) await this.perform(step);
    await this.settle();
  }

  private readonly deliver = async (connection: Connection, frame: Uint8Array): Promise<TOutcome> => {
    this.stats.frames++;
    try {
      await this.room.receive(connection, frame);
      this.stats.applied++;
      return { ok: true };
    } catch (error) {
      if (error instanceof ProtocolError)
        return this.closed(connection, CloseCode.protocolError, error.message);
      if (error instanceof RoomRefusal) {
        if (!NAMED_CODES.has(error.code))
          fail(`refused with an unnamed close code ${error.code}: ${error.reason}`);
        return this.closed(connection, error.code, error.reason);
      }
      return fail(
        `a frame reached a bug (the session would close with 1011): ${(error as Error)?.stack ?? error}`,
      );
    }
  };

  private closed(connection: Connection, code: number, reason: string): TOutcome {
    // Grouped by what went wrong, not by the bytes that said it.
    const name = `${code} ${reason
      .split(/:|\bat\b/)[0]
      ?.replace(/[0-9]+/g, "N")
      .trim()}`;
    this.stats.closes.set(name, (this.stats.closes.get(name) ?? 0) + 1);
    // As the session does: the socket is gone, its carets with it.
    this.room.leave(connection);
    return { ok: false, code, reason };
  }

  private join(who: TAttacker): TFakeConnection {
    const connection = fakeConnection([], PEOPLE[who]);
    joinSynced(this.room, connection);
    return connection;
  }

  private expectApplied(what: string, outcome: TOutcome): void {
    if (!outcome.ok) fail(`${what} was refused: ${outcome.code} ${outcome.reason}`);
  }

  private async tomTypes(edit: (doc: Y.Doc) => void): Promise<void> {
    const denied = this.tom.denied.length;
    for (const outcome of await this.tom.change(edit, this.deliver))
      this.expectApplied("Tom's edit", outcome);
    this.tom.pull();
    if (this.tom.denied.length > denied) fail(`Tom's edit was denied: ${this.tom.denied.at(-1)}`);
    this.stats.tomEdits++;
  }

  private tomText(): Y.XmlText | undefined {
    const paragraph = this.tom.doc
      .getXmlFragment(DOCUMENT_FIELD)
      .toArray()
      .find((n) => n instanceof Y.XmlElement);
    return (paragraph as Y.XmlElement | undefined)
      ?.toArray()
      .find((n): n is Y.XmlText => n instanceof Y.XmlText);
  }

  private async perform(step: TStep): Promise<void> {
    switch (step.kind) {
      case "type":
        return this.type(step);
      case "suggest":
        return this.suggest(step);
      case "withdraw":
        return this.withdraw(step.pick);
      case "frame":
        return this.attack(step.who, step.frame.bytes);
      case "aimed": {
        const update = this.aim(step);
        return this.attack(
          step.who,
          syncFrame(step.asStep2 ? syncProtocol.messageYjsSyncStep2 : syncProtocol.messageYjsUpdate, update),
        );
      }
      case "caret":
        return this.attack(step.who, this.caretFrame(step));
    }
  }

  private async type(step: Extract<TStep, { kind: "type" }>): Promise<void> {
    this.tom.pull();
    const text = this.tomText();
    if (!text) return;
    if (step.remove && text.length > 0) {
      const at = step.pick % text.length;
      await this.tomTypes(() => text.delete(at, Math.min(3, text.length - at)));
    } else {
      await this.tomTypes(() => text.insert(step.pick % (text.length + 1), `«${++this.tokens}»`));
    }
  }

  private async suggest(step: Extract<TStep, { kind: "suggest" }>): Promise<void> {
    this.carol.pull();
    const id = `carol${this.episode.seedIds[1]}x${++this.suggestionIds}`;
    const suggestion = {
      id,
      authorId: PEOPLE.carol.userId,
      authorName: PEOPLE.carol.displayName,
      createdAt: "2026-12-07T10:00:00.000Z",
      from: step.anchor,
      to: step.anchor,
      insert: step.insert,
    };
    const budgetPassed = this.suggestionBudgetPassed(suggestion.insert.length);
    const denied = this.carol.denied.length;
    const outcomes = await this.carol.change(
      (doc) => doc.getMap(SUGGESTIONS_FIELD).set(id, suggestion),
      this.deliver,
    );
    for (const outcome of outcomes) this.expectApplied("Carol's suggestion", outcome);
    this.carol.pull();
    const stored = this.room.doc.getMap(SUGGESTIONS_FIELD).get(id);
    if (this.carol.denied.length > denied) {
      const reason = this.carol.denied.at(-1) ?? "";
      if (!budgetPassed || !/at most|too large/.test(reason))
        fail(`Carol's suggestion was refused: ${reason}`);
      this.stats.overBudget++;
      // Her copy now holds a clock the room will never have: a new client, as the web app would reload.
      this.carol = new Replica(this.room, PEOPLE.carol, this.carol.doc.clientID + 2 ** 30);
      this.expectApplied("Carol's caret", await this.carol.announce(this.deliver));
      return;
    }
    if (JSON.stringify(stored) !== JSON.stringify(suggestion)) {
      fail(`Carol's suggestion ${id} is not in the room as sent: ${JSON.stringify(stored)}`);
    }
    this.stats.carolSuggestions++;
  }

  /** Whether adding a suggestion of `length` characters would pass a budget, counted here without the code under test. */
  private suggestionBudgetPassed(length: number): boolean {
    let own = 0;
    let ownInsert = length;
    let totalInsert = length;
    let open = 0;
    for (const value of this.room.doc.getMap(SUGGESTIONS_FIELD).values()) {
      open++;
      const suggestion = readSuggestion(value);
      if (!suggestion) continue;
      totalInsert += suggestion.insert.length;
      if (suggestion.authorId === PEOPLE.carol.userId) {
        own++;
        ownInsert += suggestion.insert.length;
      }
    }
    return (
      own + 1 > SUGGESTION_LIMITS.maxOpenPerAuthor ||
      ownInsert > SUGGESTION_LIMITS.maxInsertPerAuthor ||
      totalInsert > SUGGESTION_LIMITS.maxInsertTotal ||
      open + 1 > SUGGESTION_LIMITS.maxOpen
    );
  }

  private async withdraw(pick: number): Promise<void> {
    this.carol.pull();
    const map = this.room.doc.getMap(SUGGESTIONS_FIELD);
    const own = [...map._map.entries()]
      .filter(([key, item]) => {
        if (item.deleted || this.claims.ownerOf(item.id.client) !== PEOPLE.carol.userId) return false;
        return this.carol.suggestions._map.get(key)?.id.client === item.id.client;
      })
      .map(([key]) => key);
    const key = own[pick % Math.max(1, own.length)];
    if (key === undefined) return;
    const denied = this.carol.denied.length;
    for (const outcome of await this.carol.change(
      (doc) => doc.getMap(SUGGESTIONS_FIELD).delete(key),
      this.deliver,
    )) {
      this.expectApplied("Carol's withdrawal", outcome);
    }
    this.carol.pull();
    if (this.carol.denied.length > denied)
      fail(`Carol's withdrawal was refused: ${this.carol.denied.at(-1)}`);
    if (map.has(key)) fail(`Carol's withdrawn suggestion ${key} is still in the room`);
    this.stats.carolWithdrawals++;
  }

  /** Sends an attacker's frame and checks that it did only what its sender may. */
  private async attack(who: TAttacker, frame: Uint8Array): Promise<void> {
    const attacker = this.attackers.get(who);
    if (!attacker) return;
    if (attacker.connection.closed !== undefined || !this.room.connections.has(attacker.connection)) {
      attacker.connection = this.join(who);
    }
    const { doc, awareness } = this.room;
    const updatesBefore = this.updates;
    const ownerOf = (id: number) => this.claims.ownerOf(id);
    const viewBefore =
      who === "mallory" ? viewWithoutOwnSuggestions(doc, PEOPLE.mallory.userId, ownerOf) : "";
    const othersBefore = who === "eve" ? this.othersState("eve") : "";
    const caretsBefore = this.caretsOfTomAndCarol();
    const denied = attacker.connection.frames.length;
    await this.deliver(attacker.connection, frame);
    if (who === "victor" && this.updates !== updatesBefore) fail("a viewer's frame changed the document");
    if (who === "mallory") {
      const viewAfter = viewWithoutOwnSuggestions(doc, PEOPLE.mallory.userId, ownerOf);
      if (viewAfter !== viewBefore) {
        fail(
          `a commenter's frame changed more than her own suggestions:\nbefore\n${viewBefore}\nafter\n${viewAfter}`,
        );
      }
    }
    if (who === "eve" && this.othersState("eve") !== othersBefore) {
      fail("an editor's frame wrote under a client id that is someone else's");
    }
    if (this.caretsOfTomAndCarol() !== caretsBefore)
      fail("an attacker's frame changed Tom's or Carol's caret");
    if (attacker.connection.frames.length > denied) this.stats.denied++;
    void awareness;
  }

  /** The state of every client id that is not `who`'s (nor nobody's): what `who` must never advance. */
  private othersState(who: TAttacker): string {
    const parts: string[] = [];
    for (const [client] of this.room.doc.store.clients) {
      const owner = this.claims.ownerOf(client);
      if (owner === undefined || owner === PEOPLE[who].userId) continue;
      parts.push(`${client}:${Y.getState(this.room.doc.store, client)}`);
    }
    return parts.sort().join(",");
  }

  private caretsOfTomAndCarol(): string {
    const states = this.room.awareness.getStates();
    return JSON.stringify([states.get(this.tom.doc.clientID), states.get(this.carol.doc.clientID)]);
  }

  private clientOf(ref: TClientRef, who: TAttacker): number {
    switch (ref) {
      case "own":
        return this.attackers.get(who)?.own ?? 1;
      case "tom":
        return this.tom.doc.clientID;
      case "carol":
        return this.carol.doc.clientID;
      case "eve":
      case "mallory":
        return this.attackers.get(ref)?.own ?? 1;
      case "fresh":
        return (this.episode.seedIds[0] + this.stats.frames * 2654435761) % 2 ** 32;
      default:
        return ref;
    }
  }

  private itemOf(ref: TItemRef): TCraftedId {
    const { doc } = this.room;
    const suggestions = doc.share.get(SUGGESTIONS_FIELD);
    const candidates: Y.Item[] = [];
    for (const [client, structs] of doc.store.clients) {
      if (ref.among === "tom" && client !== this.tom.doc.clientID) continue;
      if (ref.among === "carol" && client !== this.carol.doc.clientID) continue;
      for (const struct of structs) {
        if (!(struct instanceof Y.Item)) continue;
        if (ref.among === "suggestions" && struct.parent !== suggestions) continue;
        if (ref.among === "text" && !(struct.content instanceof Y.ContentString)) continue;
        candidates.push(struct);
      }
    }
    const item = candidates[ref.pick % Math.max(1, candidates.length)];
    if (!item) return { client: this.tom.doc.clientID, clock: ref.pick % 50 };
    return { client: item.id.client, clock: item.id.clock + (ref.pick % item.length) };
  }

  private keyOf(ref: TKeyRef): string {
    if (ref === "fresh") return `m${this.stats.frames}abcdefgh`;
    if (typeof ref === "string") return ref;
    const keys = [...this.room.doc.getMap(SUGGESTIONS_FIELD)._map.keys()];
    return keys[ref.existing % Math.max(1, keys.length)] ?? "nokeyyetxx";
  }

  private contentOf(struct: TAimedStruct, who: TAttacker, key: string): TCraftedContent {
    if (!("suggestion" in struct.content)) return struct.content;
    const forgery = struct.content.suggestion;
    const suggestion: Record<string, unknown> = {
      id: forgery === "idMismatch" ? `${key}x` : key,
      authorId: forgery === "otherAuthor" ? PEOPLE.carol.userId : PEOPLE[who].userId,
      authorName: PEOPLE[who].displayName,
      createdAt: "2026-12-07T10:00:00.000Z",
      from: forgery === "badAnchor" ? "not base64!" : "AAAA",
      to: "AAAA",
      insert: forgery === "longInsert" ? "x".repeat(SUGGESTION_LIMITS.maxInsert + 1) : "proposed",
    };
    if (forgery === "extraField") suggestion.accepted = true;
    return { ref: "any", values: [suggestion] };
  }

  /** Resolves an aimed update against what the room holds now. */
  private aim(step: Extract<TStep, { kind: "aimed" }>): Uint8Array {
    const runs = new Map<number, TCraftedRun>();
    for (const struct of step.structs) {
      const client = this.clientOf(struct.client, step.who);
      let run = runs.get(client);
      if (!run) {
        const state = Y.getState(this.room.doc.store, client);
        const clock =
          struct.clockAt === "next"
            ? state
            : struct.clockAt === "gap"
              ? state + 1 + (this.stats.frames % 4)
              : struct.clockAt === "held"
                ? Math.max(0, state - 1)
                : 0;
        run = { client, clock, structs: [] };
        runs.set(client, run);
      }
      const key = struct.key === null ? null : this.keyOf(struct.key);
      const parent =
        struct.parent === "text"
          ? DOCUMENT_FIELD
          : struct.parent === "suggestions"
            ? SUGGESTIONS_FIELD
            : struct.parent === "delivery"
              ? "caucus:delivery"
              : struct.parent === "other"
                ? "elsewhere"
                : this.itemOf(struct.parent.item);
      const item: TCraftedItem = {
        origin: struct.origin && this.itemOf(struct.origin),
        rightOrigin: struct.rightOrigin && this.itemOf(struct.rightOrigin),
        parent,
        parentSub: key,
        content: this.contentOf(struct, step.who, key ?? "nokeyatall"),
      };
      run.structs.push(item);
    }
    const deletes = step.deletes.map(({ target, length }) => ({ ...this.itemOf(target), length }));
    return encodeCraftedUpdate({ runs: [...runs.values()], deletes });
  }

  private caretFrame(step: Extract<TStep, { kind: "caret" }>): Uint8Array {
    const payload = encoding.createEncoder();
    encoding.writeVarUint(payload, 1);
    encoding.writeVarUint(payload, this.clientOf(step.client, step.who));
    encoding.writeVarUint(payload, step.clock);
    encoding.writeVarString(payload, step.state);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.awareness);
    encoding.writeVarUint8Array(encoder, encoding.toUint8Array(payload));
    return encoding.toUint8Array(encoder);
  }

  /** The end: what the room relayed has reached Tom, and Tom's copy and the room agree on all of Tom's work. */
  private async settle(): Promise<void> {
    await nextTurn();
    this.tom.pull();
    const tomId = this.tom.doc.clientID;
    const roomView = documentView(this.room.doc, undefined, tomId);
    const tomView = documentView(this.tom.doc, undefined, tomId);
    if (roomView !== tomView)
      fail(`Tom's structs differ between his copy and the room:\nroom\n${roomView}\nTom\n${tomView}`);
    const roomText = plainText(this.room.doc, DOCUMENT_FIELD);
    const tomText = plainText(this.tom.doc, DOCUMENT_FIELD);
    if (roomText !== tomText)
      fail(`the text differs between Tom's copy and the room:\nroom ${roomText}\nTom  ${tomText}`);
  }
}
