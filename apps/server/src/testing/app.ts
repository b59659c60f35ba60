import { createHmac } from "node:crypto";
import { isEditorJson, type TApiError, type TTemplateContent } from "@caucus/shared";
import { testClient } from "hono/testing";
import pino from "pino";
import { z } from "zod";
import { createApp } from "../app.js";
import { composeServices } from "../compose.js";
import type { SyncServer } from "../sync/SyncServer.js";
import { openTestDatabase } from "./database.js";

/** The origin every test request claims, as a browser on the server's page would. */
const DEFAULT_ORIGIN = "http://caucus.test";

/**
 * What a raw `call` answers: better-auth's routes (under /api/auth) are not
 * typed by Hono, and a deliberately malformed request has no route type.
 * Our own routes are called through the typed `api` instead.
 */
// biome-ignore lint/suspicious/noExplicitAny: better-auth's answers are checked field by field.
export type TBody = any;

/**
 * The whole HTTP app in process, on an in-memory PGlite, with real
 * better-auth: for route tests that need accounts and roles but not a
 * socket. The sync server is a recorder of the documents it was told to close.
 */
export async function createTestApp(
  env: {
    signInFailuresPerMinute?: number;
    signUpsPerHour?: number;
    invitationLookupsPerMinute?: number;
    presenceReportsPerMinute?: number;
    accountChangesPerHour?: number;
    signUp?: "open" | "invitation";
    /** `SMTP_URL` (needs publicUrl). */
    smtpUrl?: string;
    passwordResetRequestsPerHour?: number;
    streamsPerPerson?: number;
    streamsPerAddress?: number;
    autoVersionQuietMs?: number;
    /** `PUBLIC_URL`; requests then claim its origin. */
    publicUrl?: string;
  } = {},
) {
  const db = await openTestDatabase();
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" });
  const services = await composeServices(
    db,
    {
      PUBLIC_URL: env.publicUrl,
      ALLOWED_ORIGINS: [],
      AUTH_SECRET: "test-secret-test-secret-test-secret-0123",
      TRUST_PROXY: false,
      SIGN_IN_FAILURES_PER_MINUTE: env.signInFailuresPerMinute ?? 1000,
      SIGN_UPS_PER_HOUR: env.signUpsPerHour ?? 1000,
      SIGN_UP: env.signUp ?? "open",
      SMTP_URL: env.smtpUrl,
      MAIL_FROM: undefined,
      PASSWORD_RESET_REQUESTS_PER_HOUR: env.passwordResetRequestsPerHour ?? 1000,
      INVITATIONS_PER_HOUR: 1000,
      INVITATION_LOOKUPS_PER_MINUTE: env.invitationLookupsPerMinute ?? 1000,
      PRESENCE_REPORTS_PER_MINUTE: env.presenceReportsPerMinute ?? 1000,
      ACCOUNT_CHANGES_PER_HOUR: env.accountChangesPerHour ?? 1000,
      STREAMS_PER_PERSON: env.streamsPerPerson ?? 1000,
      STREAMS_PER_ADDRESS: env.streamsPerAddress ?? 1000,
      SYNC_TOKEN_SECONDS: 300,
      PRESENCE_TTL_MS: 10_000,
      AUTO_VERSION_QUIET_MS: env.autoVersionQuietMs ?? 60_000,
    },
    logger,
  );
  const origin = env.publicUrl ? new URL(env.publicUrl).origin : DEFAULT_ORIGIN;
  const base = origin;
  const host = new URL(origin).host;
  const closedDocuments: string[] = [];
  const sync = {
    closeDocument: async (id: string) => {
      closedDocuments.push(id);
    },
    storageHealthy: async () => true,
    loadedDocument: async () => undefined,
    loadedDocuments: 0,
    register: () => () => {},
  } as unknown as SyncServer;
  const ctx = services.withSync(sync);
  const app = createApp({ ...services, ctx, sync, logger, version: "test" });

  /** Headers of a request from a page of this server; `cookie` signs it in; `origin` null sends none. */
  function requestHeaders(cookie?: string, claimed?: string | null): Record<string, string> {
    const headers: Record<string, string> = { host };
    if (claimed !== null) headers.origin = claimed ?? origin;
    if (cookie) headers.cookie = cookie;
    return headers;
  }

  /**
   * The API's routes, typed by the server's own (`hono/testing`'s
   * testClient over the app, as `hc` in the web app): as `cookie`'s holder
   * when given, from `origin` (null: none). A renamed route, parameter or
   * field fails the typecheck.
   */
  function api(cookie?: string, options: { origin?: string | null } = {}) {
    return testClient(app, undefined, undefined, { headers: requestHeaders(cookie, options.origin) }).api;
  }

  /**
   * One raw HTTP call, for better-auth's routes and deliberately malformed
   * requests; `cookie` signs it in; the body is JSON unless a string;
   * `headers` go with it.
   */
  async function call(
    method: string,
    path: string,
    options: {
      body?: unknown;
      cookie?: string;
      origin?: string | null;
      headers?: Record<string, string>;
    } = {},
  ): Promise<{ status: number; body: TBody; headers: Headers }> {
    const headers = { ...options.headers, ...requestHeaders(options.cookie, options.origin) };
    if (options.body !== undefined) headers["content-type"] = "application/json";
    const response = await app.request(`${base}${path}`, {
      method,
      headers,
      body:
        options.body === undefined
          ? undefined
          : typeof options.body === "string"
            ? options.body
            : JSON.stringify(options.body),
    });
    const text = await response.text();
    let body: TBody = text;
    try {
      body = JSON.parse(text);
    } catch {}
    return { status: response.status, body, headers: response.headers };
  }

  let people = 0;
  /** Signs a new person up, then in (sign-up alone opens no session); their session cookie, id and typed `api`. */
  async function signUp(name = `Person ${++people}`) {
    const email = `${name.toLowerCase().replaceAll(/[^a-z0-9]+/g, ".")}.${people}.${Date.now()}@example.org`;
    const password = "correct horse battery";
    const signedUp = await call("POST", "/api/auth/sign-up/email", { body: { name, email, password } });
    if (signedUp.status !== 200)
      throw new Error(`sign-up failed: ${signedUp.status} ${JSON.stringify(signedUp.body)}`);
    const signedIn = await call("POST", "/api/auth/sign-in/email", { body: { email, password } });
    if (signedIn.status !== 200)
      throw new Error(`sign-in failed: ${signedIn.status} ${JSON.stringify(signedIn.body)}`);
    const userId: string = signedIn.body.user.id;
    const cookie = cookiesOf(signedIn.headers);
    return { cookie, userId, email, setCookie: signedIn.headers.getSetCookie(), api: api(cookie) };
  }

  /**
   * Opens one of the API's event streams as `cookie`'s holder and reads it
   * as it comes: `until` waits for a text, or for a test of everything
   * received so far, to hold; `ended` for the server to end the stream.
   * `close` ends it from this side.
   */
  async function openStream(path: string, cookie: string) {
    const abort = new AbortController();
    const response = await app.request(`${base}${path}`, { headers: { cookie, host }, signal: abort.signal });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let received = "";
    async function until(wanted: string | ((received: string) => boolean)): Promise<void> {
      const done = typeof wanted === "string" ? (text: string) => text.includes(wanted) : wanted;
      while (!done(received)) {
        const { value, done: ended } = await reader.read();
        if (ended) {
          const what = typeof wanted === "string" ? ` for ${wanted}` : "";
          throw new Error(`stream ended while waiting${what}: ${received.slice(-500)}`);
        }
        received += decoder.decode(value);
      }
    }
    /** Reads on until the server ends the stream; what arrived meanwhile stays in `received`. */
    async function ended(): Promise<void> {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        received += decoder.decode(value);
      }
    }
    async function close(): Promise<void> {
      abort.abort();
      await reader.cancel().catch(() => {});
    }
    return {
      status: response.status,
      headers: response.headers,
      received: () => received,
      until,
      ended,
      close,
    };
  }

  return {
    app,
    db,
    ctx,
    auth: services.auth,
    api,
    call,
    signUp,
    openStream,
    closedDocuments,
    close: () => db.close(),
  };
}

const ZRefusal = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
}) satisfies z.ZodType<TApiError>;
const ZIssues = z.array(z.object({ path: z.string(), message: z.string() }));

/**
 * The error of a refused request, in `app.onError`'s one shape (checked):
 * its code, message and details, and the fields an `invalid_input` names
 * (`issues`, empty for any other error).
 */
export async function refusal(response: { json(): Promise<unknown> }) {
  const { error } = ZRefusal.parse(await response.json());
  const issues = ZIssues.safeParse(error.details);
  return { ...error, issues: issues.success ? issues.data : [] };
}

/** The id of the first workspace `person` is a member of (the first account's own, "My coalition"). */
export async function firstWorkspaceOf(person: TTestPerson): Promise<string> {
  const me = await (await person.api.me.$get()).json();
  return defined(me.workspaces[0], "a workspace").id;
}

/** The audit log of `person`'s first workspace (they must own it), newest first. */
export async function auditEventsOf(person: TTestPerson) {
  const workspaceId = await firstWorkspaceOf(person);
  const answer = await person.api.workspaces[":workspaceId"].audit.$get({
    param: { workspaceId },
    query: {},
  });
  return (await answer.json()).events;
}

/** Editor JSON in an answer, checked: Hono's JSON typing follows a recursive type only to its first level. */
export function editorJson(value: unknown): TTemplateContent {
  if (!isEditorJson(value)) throw new Error(`expected editor JSON, got ${JSON.stringify(value)}`);
  return value;
}

/** `value`, which the test needs to be there (the first of a list, a row found): throws if it is not. */
export function defined<T>(value: T | null | undefined, what = "the value"): T {
  if (value === null || value === undefined) throw new Error(`expected ${what}, got ${value}`);
  return value;
}

/** The `name=value` pairs a response sets, ready for a Cookie header. */
export function cookiesOf(headers: Headers): string {
  return headers
    .getSetCookie()
    .map((header) => header.split(";")[0])
    .join("; ");
}

/** RFC 6238 TOTP (SHA-1, 6 digits, 30 s) from a base32 secret: an oracle independent of better-auth. */
export function totp(base32: string, now = Date.now()): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const char of base32.replace(/=+$/, "").toUpperCase())
    bits += alphabet.indexOf(char).toString(2).padStart(5, "0");
  const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((byte) => Number.parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(now / 30_000)));
  const mac = createHmac("sha1", key).update(counter).digest();
  const offset = (mac.at(-1) ?? 0) & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, "0");
}

/** The harness `createTestApp` answers. */
export type TTestApp = Awaited<ReturnType<typeof createTestApp>>;
/** A person `signUp` made: their session cookie, ids and typed `api`. */
export type TTestPerson = Awaited<ReturnType<TTestApp["signUp"]>>;
