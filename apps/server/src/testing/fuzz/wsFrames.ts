import { randomFillSync } from "node:crypto";

/** One WebSocket frame as a client sends it (masked), of any opcode; `fin` false leaves a message open. */
export function clientFrame(opcode: number, payload: Uint8Array, fin = true): Buffer {
  const length = payload.byteLength;
  const extra = length < 126 ? 0 : length < 65_536 ? 2 : 8;
  const frame = Buffer.alloc(2 + extra + 4 + length);
  frame[0] = (fin ? 0x80 : 0) | (opcode & 0x0f);
  if (extra === 0) frame[1] = 0x80 | length;
  else if (extra === 2) {
    frame[1] = 0x80 | 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 0x80 | 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  const mask = randomFillSync(Buffer.alloc(4));
  mask.copy(frame, 2 + extra);
  const start = 2 + extra + 4;
  for (let i = 0; i < length; i++) frame[start + i] = (payload[i] as number) ^ (mask[i & 3] as number);
  return frame;
}

/** What a client read of the server's frames: how many data frames, and the close code if one came. */
export interface TServerFrames {
  data: number;
  closeCode?: number;
  /** Bytes of a frame not complete yet. */
  rest: Buffer;
}

/** Reads the server's (unmasked) frames from `bytes`, adding to `into`. */
export function readServerFrames(bytes: Buffer, into: TServerFrames): void {
  let buffer = into.rest.length > 0 ? Buffer.concat([into.rest, bytes]) : bytes;
  for (;;) {
    if (buffer.length < 2) break;
    const opcode = (buffer[0] as number) & 0x0f;
    let length = (buffer[1] as number) & 0x7f;
    let at = 2;
    if (length === 126) {
      if (buffer.length < 4) break;
      length = buffer.readUInt16BE(2);
      at = 4;
    } else if (length === 127) {
      if (buffer.length < 10) break;
      length = Number(buffer.readBigUInt64BE(2));
      at = 10;
    }
    if (buffer.length < at + length) break;
    if (opcode === 0x8) into.closeCode = length >= 2 ? buffer.readUInt16BE(at) : 1005;
    else if (opcode === 0x1 || opcode === 0x2 || opcode === 0x0) into.data++;
    buffer = buffer.subarray(at + length);
  }
  into.rest = Buffer.from(buffer);
}
