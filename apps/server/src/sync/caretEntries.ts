import { colorForName } from "@caucus/shared";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { ProtocolError } from "./messages.js";

/** One client's entry in a y-protocols awareness update; `state` null removes it. */
export interface TCaretEntry {
  clientId: number;
  clock: number;
  state: unknown;
}

/**
 * Reads an awareness update (y-protocols' layout: a count, then client id,
 * clock and JSON state of each) whole. Throws {@link ProtocolError} for one
 * that does not decode.
 */
export function decodeCaretEntries(update: Uint8Array): TCaretEntry[] {
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    const entries: TCaretEntry[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      entries.push({ clientId, clock, state: JSON.parse(decoding.readVarString(decoder)) });
    }
    if (decoding.hasContent(decoder)) throw new ProtocolError("trailing bytes after awareness entries");
    return entries;
  } catch (error) {
    throw error instanceof ProtocolError ? error : new ProtocolError(String(error));
  }
}

export function encodeCaretEntries(entries: readonly TCaretEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, JSON.stringify(entry.state));
  }
  return encoding.toUint8Array(encoder);
}

/**
 * A caret state with the name and colour of the account behind the socket,
 * whatever the client claimed: nobody poses under another's name. A
 * removal (null), or a state with no `user`, shows no name to fix.
 */
export function withAccountName(state: unknown, name: string): unknown {
  if (!isRecord(state) || !("user" in state)) return state;
  const shown = isRecord(state.user) ? state.user : {};
  return { ...state, user: { ...shown, name, color: colorForName(name) } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
