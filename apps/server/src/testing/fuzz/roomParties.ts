import { MessageType, SUGGESTIONS_FIELD } from "@caucus/shared";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import type { Connection, TSocketIdentity } from "../../sync/Connection.js";
import type { DocumentRoom } from "../../sync/DocumentRoom.js";
import { encodeUpdate } from "../../sync/messages.js";
import { fakeConnection, joinSynced } from "../sockets.js";

export type TFakeConnection = ReturnType<typeof fakeConnection>;

/** Thrown for a property the room broke; fast-check reports it with the episode. */
export class RoomPropertyFailure extends Error {
  override name = "RoomPropertyFailure";
}

/** Origin of what a replica applies from the server: not sent back. */
const FROM_SERVER = Symbol("from the server");

/** The people of a fuzzed room. Tom and Carol behave; Eve, Mallory and Victor attack. */
export const PEOPLE = {
  tom: { userId: "tom", displayName: "Tom", role: "editor", readOnly: false, suggestOnly: false },
  carol: { userId: "carol", displayName: "Carol", role: "commenter", readOnly: false, suggestOnly: true },
  eve: { userId: "eve", displayName: "Eve", role: "editor", readOnly: false, suggestOnly: false },
  mallory: {
    userId: "mallory",
    displayName: "Mallory",
    role: "commenter",
    readOnly: false,
    suggestOnly: true,
  },
  victor: { userId: "victor", displayName: "Victor", role: "viewer", readOnly: true, suggestOnly: false },
} satisfies Record<string, Partial<TSocketIdentity>>;

export type TAttacker = "eve" | "mallory" | "victor";

/** How the server ended a frame's handling: applied, or the socket closed with a code. */
export type TOutcome = { ok: true } | { ok: false; code: number; reason: string };

/** Hands one frame to the room as the session does; what it threw or rejected with, as an outcome. */
export type TDeliver = (connection: Connection, frame: Uint8Array) => Promise<TOutcome>;

/**
 * A well-behaved client of the room: its own Y.Doc, which sends each of
 * its changes as a frame and applies what the server sends it, as the
 * stock y-websocket client does.
 */
export class Replica {
  readonly doc = new Y.Doc();
  connection: TFakeConnection;
  /** Reasons of every "permission denied" the server sent it. */
  readonly denied: string[] = [];
  private read = 0;
  private readonly outgoing: Uint8Array[] = [];

  constructor(
    room: DocumentRoom,
    readonly identity: Partial<TSocketIdentity>,
    clientId: number,
  ) {
    this.doc.clientID = clientId;
    this.doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin !== FROM_SERVER) this.outgoing.push(update);
    });
    this.connection = fakeConnection([], identity);
    joinSynced(room, this.connection);
    this.pull();
  }

  /**
   * Applies what the server has sent since the last pull. Yjs gives a
   * client a new id when something it receives writes under its own: the
   * server let someone write in this person's name.
   */
  pull(): void {
    const { frames } = this.connection;
    const own = this.doc.clientID;
    for (; this.read < frames.length; this.read++) {
      const decoder = decoding.createDecoder(frames[this.read] as Uint8Array);
      const type = decoding.readVarUint(decoder);
      if (type === MessageType.sync) {
        syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), this.doc, FROM_SERVER);
      } else if (type === MessageType.auth) {
        decoding.readVarUint(decoder);
        this.denied.push(decoding.readVarString(decoder));
      }
      if (this.doc.clientID !== own) {
        throw new RoomPropertyFailure(
          `${this.identity.displayName} received structs under their own client id ${own} that they never wrote`,
        );
      }
    }
  }

  /** Makes a change and sends the frames it produced, one by one; their outcomes. */
  async change(edit: (doc: Y.Doc) => void, deliver: TDeliver): Promise<TOutcome[]> {
    edit(this.doc);
    const outcomes: TOutcome[] = [];
    for (const update of this.outgoing.splice(0))
      outcomes.push(await deliver(this.connection, encodeUpdate(update)));
    return outcomes;
  }

  /** Announces this client's caret, as a client does on connecting: its id becomes its person's. */
  announce(deliver: TDeliver): Promise<TOutcome> {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.awareness);
    const payload = encoding.createEncoder();
    encoding.writeVarUint(payload, 1);
    encoding.writeVarUint(payload, this.doc.clientID);
    encoding.writeVarUint(payload, 1);
    encoding.writeVarString(
      payload,
      JSON.stringify({ user: { name: this.identity.displayName, color: "#333" } }),
    );
    encoding.writeVarUint8Array(encoder, encoding.toUint8Array(payload));
    return deliver(this.connection, encoding.toUint8Array(encoder));
  }

  get suggestions(): Y.Map<unknown> {
    return this.doc.getMap(SUGGESTIONS_FIELD);
  }
}
