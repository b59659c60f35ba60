import fc from "fast-check";
import { fuzzFrame } from "./frameArbitraries.js";
import type { TInProcessServer } from "./inProcessServer.js";
import { clientFrame, readServerFrames, type TServerFrames } from "./wsFrames.js";

/**
 * Raw requests to the server's port as anyone could write them: a request
 * line and headers of the sync socket's upgrade, well-formed or not, with
 * real and forged credentials, and, once upgraded, WebSocket frames of any
 * opcode with hostile messages in them.
 */

/** What the fuzzer knows of the server it attacks: documents, cookies and tokens of its people. */
export interface TUpgradeTargets {
  documents: string[];
  cookies: string[];
  tokens: string[];
}

export interface TRawRequest {
  method: string;
  target:
    | { kind: "document"; document: number; suffix: string; query: string }
    | { kind: "raw"; text: string };
  version: string;
  headers: Array<[string, string | { cookie: number; mangle: number } | { token: number }]>;
  body: string;
  /** Frames sent once upgraded: opcode and payload (a hostile sync message for binary ones). */
  frames: Array<{ opcode: number; payload: Uint8Array; fin: boolean }>;
  /** End our side right after the request (a client that hangs up). */
  hangUp: boolean;
}

const hex = fc.constantFrom(..."0123456789abcdefABCDEF");
const targetChar = fc.oneof(
  fc.constantFrom(..."/%[]?#@:*\\.~ \t"),
  fc.constantFrom(..."abcXYZ019-"),
  fc.integer({ min: 0x80, max: 0xff }).map((b) => String.fromCharCode(b)),
);
const badEscape = fc
  .tuple(fc.option(hex, { nil: "" }), fc.constantFrom("", "g", "%", "/"))
  .map(([h, n]) => `%${h}${n}`);
const invalidUtf8 = fc.constantFrom(
  "%80",
  "%C0%AF",
  "%ED%A0%80",
  "%F5%80%80%80",
  "%FF",
  "%E0%A4",
  "%F0%9F%98",
);
const oddTarget = fc.oneof(
  fc.constantFrom(
    "//[",
    "*",
    "//",
    "?",
    "/sync",
    "/sync/",
    "//sync/x",
    "http://[/sync/x",
    "/sync/%00",
    "\\sync\\x",
    "/sync/../sync/x",
    "/api/health",
    "/api/auth/get-session",
  ),
  fc.string({ unit: targetChar, maxLength: 30 }),
);
const query = fc.oneof(
  fc.constant(""),
  fc.constantFrom(
    "?caps=stored",
    "?caps=",
    "?caps=stored,stored,x",
    "?token=",
    "?token=abc",
    "?x=%ZZ",
    "?caps=%FF",
  ),
  fc.string({ unit: targetChar, maxLength: 12 }).map((q) => `?${q}`),
);
const headerValue = fc.oneof(fc.string({ maxLength: 20 }), fc.string({ unit: targetChar, maxLength: 20 }));
const KEY = "dGhlIHNhbXBsZSBub25jZQ==";

const header: fc.Arbitrary<TRawRequest["headers"][number]> = fc.oneof(
  fc.constantFrom<[string, string]>(
    ["Host", "caucus.test"],
    ["Host", ""],
    ["Host", "[::1"],
    ["Host", "a b"],
    ["Host", "caucus.test:99999"],
    ["Upgrade", "websocket"],
    ["Upgrade", "WebSocket"],
    ["Upgrade", "h2c"],
    ["Connection", "Upgrade"],
    ["Connection", "keep-alive, Upgrade"],
    ["Connection", "close"],
    ["Sec-WebSocket-Key", KEY],
    ["Sec-WebSocket-Key", "short"],
    ["Sec-WebSocket-Version", "13"],
    ["Sec-WebSocket-Version", "8"],
    ["Sec-WebSocket-Protocol", "a, b,,"],
    ["Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits=7"],
    ["Sec-WebSocket-Extensions", "permessage-deflate; server_max_window_bits"],
    ["Origin", "http://caucus.test"],
    ["Origin", "http://evil.test"],
    ["Origin", "null"],
    ["Origin", "caucus.test"],
    ["X-Forwarded-For", "203.0.113.9, 10.0.0.1"],
    ["X-Forwarded-For", "::ffff:1.2.3.4, , unknown"],
    ["X-Forwarded-For", "999.1.1.1"],
    ["Content-Length", "5"],
    ["Content-Length", "-1"],
    ["Transfer-Encoding", "chunked"],
    ["Cookie", "__Secure-caucus.session_token=forged.signature"],
    ["Cookie", "caucus.session_token=%ZZ"],
  ),
  fc
    .record({ cookie: fc.nat(), mangle: fc.integer({ min: 0, max: 4 }) })
    .map((c): [string, { cookie: number; mangle: number }] => ["Cookie", c]),
  fc.record({ token: fc.nat() }).map((t): [string, { token: number }] => ["X-Token-In-Query", t]),
  fc.tuple(fc.stringMatching(/^[A-Za-z-]{1,12}$/), headerValue),
);

/** The headers of a browser's upgrade, which most requests start from so that they get past the first checks. */
const BROWSER: TRawRequest["headers"] = [
  ["Host", "caucus.test"],
  ["Upgrade", "websocket"],
  ["Connection", "Upgrade"],
  ["Sec-WebSocket-Key", KEY],
  ["Sec-WebSocket-Version", "13"],
  ["Origin", "http://caucus.test"],
];

export const rawRequest: fc.Arbitrary<TRawRequest> = fc.record({
  method: fc.oneof(
    { weight: 8, arbitrary: fc.constant("GET") },
    { weight: 1, arbitrary: fc.constantFrom("POST", "HEAD", "OPTIONS", "G ET", "") },
  ),
  target: fc.oneof(
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant("document" as const),
        document: fc.nat(),
        suffix: fc.oneof(
          { weight: 8, arbitrary: fc.constant("") },
          { weight: 1, arbitrary: badEscape },
          { weight: 1, arbitrary: invalidUtf8 },
          { weight: 1, arbitrary: fc.constantFrom("/", "/x", "%2F", "#frag") },
        ),
        query: fc.oneof({ weight: 3, arbitrary: fc.constant("") }, { weight: 1, arbitrary: query }),
      }),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.constantFrom("/sync/", "/sync/", "/", "/api/", ""),
          fc.oneof(badEscape, invalidUtf8, oddTarget),
        )
        .map(([start, rest]) => ({ kind: "raw" as const, text: start + rest })),
    },
  ),
  version: fc.oneof(
    { weight: 10, arbitrary: fc.constant("HTTP/1.1") },
    { weight: 1, arbitrary: fc.constantFrom("HTTP/1.0", "HTTP/2", "HTTP/1.1x", "") },
  ),
  headers: fc.oneof(
    // A member's browser, with a real credential: admitted, so its frames reach a room.
    {
      weight: 3,
      arbitrary: fc
        .tuple(
          fc.oneof(
            fc.nat().map((cookie): TRawRequest["headers"][number] => ["Cookie", { cookie, mangle: 0 }]),
            fc.nat().map((token): TRawRequest["headers"][number] => ["X-Token-In-Query", { token }]),
          ),
          fc.array(header, { maxLength: 2 }),
        )
        .map(([credential, extra]) => [...BROWSER, credential, ...extra]),
    },
    // A browser's headers less one, and odd ones.
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.nat({ max: BROWSER.length - 1 }), fc.array(header, { maxLength: 5 }))
        .map(([drop, extra]) => [...BROWSER.filter((_, i) => i !== drop), ...extra]),
    },
    { weight: 1, arbitrary: fc.array(header, { maxLength: 6 }) },
  ),
  body: fc.oneof(
    { weight: 5, arbitrary: fc.constant("") },
    { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
  ),
  frames: fc.array(
    fc.oneof(
      { weight: 6, arbitrary: fuzzFrame.map((f) => ({ opcode: 2, payload: f.bytes, fin: true })) },
      {
        weight: 1,
        arbitrary: fc.record({
          opcode: fc.integer({ min: 0, max: 15 }),
          payload: fc.uint8Array({ maxLength: 20 }),
          fin: fc.boolean(),
        }),
      },
    ),
    { maxLength: 12 },
  ),
  hangUp: fc.boolean(),
});

/** How one raw request ended. */
export interface TRequestOutcome {
  status?: number;
  /** The server's close code, for an upgraded socket that was closed. */
  closeCode?: number;
  /** Upgraded and sent document frames: admitted. */
  admitted: boolean;
  framesSent: number;
  /** Neither an answer nor a close within the wait: what a hung request looks like. */
  silent: boolean;
}

/** How long a request may go unanswered before the client hangs up, and then before the server must have closed. */
const ANSWER_MS = 400;
const CLOSE_MS = 3_000;

function resolveTarget(request: TRawRequest, targets: TUpgradeTargets, token: string | undefined): string {
  if (request.target.kind === "raw") return request.target.text;
  const { document, suffix } = request.target;
  const id = targets.documents[document % targets.documents.length] ?? "x";
  const withToken =
    token === undefined
      ? request.target.query
      : `${request.target.query}${request.target.query ? "&" : "?"}token=${encodeURIComponent(token)}`;
  return `/sync/${id}${suffix}${withToken}`;
}

function mangleCookie(cookie: string, mangle: number): string {
  switch (mangle) {
    case 1:
      return cookie.slice(0, -3);
    case 2:
      return `${cookie}x`;
    case 3:
      return `${cookie}; ${cookie}`;
    case 4:
      return cookie.replace(/=/, "=%");
    default:
      return cookie;
  }
}

/** The request's bytes, with its credentials filled in from `targets`. */
export function requestBytes(request: TRawRequest, targets: TUpgradeTargets): Buffer {
  let token: string | undefined;
  const lines: string[] = [];
  for (const [name, value] of request.headers) {
    if (typeof value === "string") lines.push(`${name}: ${value}`);
    else if ("cookie" in value) {
      const cookie = targets.cookies[value.cookie % targets.cookies.length] ?? "";
      lines.push(`Cookie: ${mangleCookie(cookie, value.mangle)}`);
    } else token = targets.tokens[value.token % targets.tokens.length];
  }
  const head = `${request.method} ${resolveTarget(request, targets, token)} ${request.version}\r\n${lines.join("\r\n")}${lines.length ? "\r\n" : ""}\r\n`;
  return Buffer.concat([Buffer.from(head, "latin1"), Buffer.from(request.body)]);
}

/**
 * Sends one raw request on a connection of its own and reads what comes
 * back: a status, and for a socket upgraded, its frames after ours.
 */
export function sendRawRequest(
  t: TInProcessServer,
  request: TRawRequest,
  targets: TUpgradeTargets,
): Promise<TRequestOutcome> {
  const socket = t.connect();
  return new Promise((resolve) => {
    let head = Buffer.alloc(0);
    const outcome: TRequestOutcome = { admitted: false, framesSent: 0, silent: false };
    const frames: TServerFrames = { data: 0, rest: Buffer.alloc(0) };
    let upgraded = false;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    // Unanswered (a body still owed, or an upgrade being checked): the
    // client hangs up, and the server must then answer or close.
    let timer = setTimeout(() => {
      socket.end();
      timer = setTimeout(() => {
        outcome.silent = true;
        finish();
      }, CLOSE_MS);
    }, ANSWER_MS);
    socket.on("data", (chunk: Buffer) => {
      if (upgraded) {
        readServerFrames(chunk, frames);
        if (frames.data > 0) outcome.admitted = true;
        if (frames.closeCode !== undefined) {
          outcome.closeCode = frames.closeCode;
          finish();
        }
        return;
      }
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf("\r\n\r\n");
      if (end < 0) return;
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(head.subarray(0, end).toString("latin1"));
      outcome.status = status ? Number(status[1]) : -1;
      if (outcome.status !== 101) return finish();
      upgraded = true;
      readServerFrames(head.subarray(end + 4), frames);
      if (frames.closeCode !== undefined) {
        outcome.closeCode = frames.closeCode;
        return finish();
      }
      if (frames.data > 0) outcome.admitted = true;
      // Admitted (or about to be refused): our frames, then a close of our own, as a client leaving.
      for (const frame of request.frames) socket.write(clientFrame(frame.opcode, frame.payload, frame.fin));
      outcome.framesSent = request.frames.length;
      socket.write(clientFrame(0x8, Uint8Array.of(0x03, 0xe8)));
    });
    socket.on("end", finish);
    socket.on("close", finish);
    socket.on("error", finish);
    socket.write(requestBytes(request, targets));
    if (request.hangUp) socket.end();
  });
}
