import type { IncomingMessage } from "node:http";
import { CloseCode, displayName, NO_ACCESS_REASON, type TRole, textAccess } from "@caucus/shared";
import type { Auth } from "../auth/createAuth.js";
import { isAllowedOrigin, type OriginPolicy } from "../auth/origin.js";
import { readSession } from "../auth/session.js";
import { sessionCookieReader } from "../auth/sessionCookie.js";
import type { SyncTokens } from "../auth/syncToken.js";
import { accessFromRights, allows, findDocumentAccess, findPersonRights } from "../documents/policy.js";
import type { Logger } from "../logger.js";
import type { SqlClient, SqlExecutor } from "../platform/db/SqlClient.js";
import type { AdmissionCache, TCachedAccess, TCachedIdentity } from "./AdmissionCache.js";
import type { TSocketIdentity } from "./Connection.js";
import type { OpeningsAudit } from "./OpeningsAudit.js";
import type { TSocketAdmission } from "./SocketGate.js";

/**
 * Checks of one socket overtaken by a rights change of its person or
 * document before it is refused with tryAgainLater (see below).
 */
const MAX_ATTEMPTS = 3;

/** Identity objects kept for sharing; past it they start again (a socket keeps its own). */
const MAX_SHARED_IDENTITIES = 10_000;

export interface SocketAdmissionDeps {
  auth: Auth;
  db: SqlClient;
  origins: OriginPolicy;
  syncTokens: SyncTokens;
  /** Who opened which document, for the audit trail. */
  openings: OpeningsAudit;
  logger: Logger;
  /** What earlier admissions learnt of sessions and roles (see AdmissionCache). */
  cache: AdmissionCache;
}

type TRefusal = Extract<TSocketAdmission, { ok: false }>;

/**
 * A request's credential as checked without the database: a sync token
 * (its signature, document and expiry) or a session cookie (its signature),
 * and the key under which what it stands for is remembered.
 */
type TCredential =
  | { ok: true; kind: "token"; key: string; userId: string; sessionId: string }
  | { ok: true; kind: "cookie"; key: string | undefined; token: string | undefined }
  | TRefusal;

/**
 * The sync socket's gate, run before the upgrade completes: the Origin
 * (a page of this server, when a browser connects), then a sync token or
 * the session cookie, then the person's role on the document from the same
 * policy as REST. A cookie always needs an allowed Origin, which is what
 * stops another site's page from opening a socket with a member's cookie.
 *
 * Who a verified credential belongs to, and a person's role on a document,
 * are served from the cache when an earlier socket learnt them: a socket
 * whose both facts are known is decided at once, without a statement or a
 * promise. A rights change heard while a socket is being checked against
 * the database (its person's, or its document's) sends the check round
 * again, so that no socket is let in on what was read before the change.
 */
export async function createSocketAdmission(deps: SocketAdmissionDeps) {
  const { cache, logger } = deps;
  const readCookie = await sessionCookieReader(deps.auth);

  const credentialOf = (request: IncomingMessage, documentId: string, url: URL): TCredential => {
    const token = url.searchParams.get("token");
    if (token) {
      const verified = deps.syncTokens.verify(token, documentId);
      if (!verified.ok) {
        return {
          ok: false,
          code: CloseCode.unauthorized,
          reason: verified.reason === "expired" ? "sync token expired" : "sync token not valid",
        };
      }
      const { userId, sessionId } = verified;
      return { ok: true, kind: "token", key: `session\n${sessionId}`, userId, sessionId };
    }
    if (request.headers.origin === undefined) {
      return {
        ok: false,
        code: CloseCode.unauthorized,
        reason: "send a sync token or an Origin with the cookie",
      };
    }
    // Only a token whose signature is ours is looked up, on every request.
    const cookieToken = readCookie(request.headers.cookie);
    const key = cookieToken === undefined ? undefined : `cookie\n${cookieToken}`;
    return { ok: true, kind: "cookie", key, token: cookieToken };
  };

  const knownIdentity = (credential: Extract<TCredential, { ok: true }>): TCachedIdentity | undefined => {
    const known = credential.key === undefined ? undefined : cache.identity(credential.key);
    // A token's session is remembered under its id: it must be the token's person's.
    if (credential.kind === "token" && known?.userId !== credential.userId) return undefined;
    return known;
  };

  /** Who presents the credential, from the database (and better-auth). */
  const identify = async (
    request: IncomingMessage,
    credential: Extract<TCredential, { ok: true }>,
    stamp: number,
  ): Promise<{ ok: true; who: TCachedIdentity } | TRefusal> => {
    if (credential.kind === "token") {
      const { userId, sessionId, key } = credential;
      // The session that asked for the token must still be live: signing
      // out (everywhere) ends the token with it.
      const session = await liveSession(deps.db, sessionId, userId);
      if (!session) return { ok: false, code: CloseCode.unauthorized, reason: "session ended" };
      const who = { userId, sessionId, name: displayName(session) };
      cache.rememberIdentity(key, who, session.expiresAt.getTime(), stamp);
      return { ok: true, who };
    }
    const session = await readSession(deps.auth, toHeaders(request));
    if (!session) return { ok: false, code: CloseCode.unauthorized, reason: "not signed in" };
    const { account } = session;
    const who = { userId: account.userId, sessionId: account.sessionId, name: displayName(account) };
    // Kept only under the token better-auth itself found the session by.
    if (credential.key !== undefined && session.token === credential.token) {
      cache.rememberIdentity(credential.key, who, session.expiresAt.getTime(), stamp);
    }
    return { ok: true, who };
  };

  /**
   * The person's role on the document from the database, or why not; the
   * person's rights and the document's place are kept for the next sockets.
   */
  const readAccess = async (
    userId: string,
    documentId: string,
    stamp: number,
  ): Promise<{ ok: true; access: TCachedAccess } | TRefusal> => {
    const { place, rights, complete } = await findPersonRights(deps.db, userId, documentId);
    if (!place) return { ok: false, code: CloseCode.documentNotFound, reason: "no such document" };
    cache.rememberPlace(documentId, place, stamp);
    if (complete) cache.rememberPerson(userId, rights, stamp);
    const { role, isMember } = accessFromRights(rights, documentId, place);
    if (!role || !allows({ role, isMember }, "document:read")) {
      return { ok: false, code: CloseCode.forbidden, reason: NO_ACCESS_REASON };
    }
    return { ok: true, access: { workspaceId: place.workspaceId, role, isMember } };
  };

  // One identity object for the sockets of one session in one role and
  // workspace, not one per socket (see docs/PERFORMANCE.md, memory per idle
  // socket). Never changed once made (Revocations replaces a socket's).
  const identities = new Map<string, TSocketIdentity>();
  const admitted = (who: TCachedIdentity, access: TCachedAccess, documentId: string): TSocketAdmission => {
    deps.openings.opened(who.userId, documentId);
    const key = `${who.userId}\n${who.sessionId}\n${who.name}\n${access.workspaceId}\n${access.role}\n${access.isMember}`;
    let identity = identities.get(key);
    if (!identity) {
      const text = textAccess(access);
      identity = Object.freeze({
        userId: who.userId,
        displayName: who.name,
        sessionId: who.sessionId,
        workspaceId: access.workspaceId,
        role: access.role,
        readOnly: text === "read",
        suggestOnly: text === "suggest",
      });
      if (identities.size >= MAX_SHARED_IDENTITIES) identities.clear();
      identities.set(key, identity);
    }
    return { ok: true, identity };
  };

  /** What memory lacked, from the database, as many times as changes overtake it. */
  const checked = async (
    request: IncomingMessage,
    documentId: string,
    credential: Extract<TCredential, { ok: true }>,
    known: TCachedIdentity | undefined,
  ): Promise<TSocketAdmission> => {
    const started = performance.now();
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const stamp = cache.stamp();
      // After a change overtook a check, everything is read again from the database.
      const remembered = attempt === 0 ? known : undefined;
      const identified = remembered
        ? { ok: true as const, who: remembered }
        : await identify(request, credential, stamp);
      if (!identified.ok) return identified;
      const { who } = identified;
      const remembers = attempt === 0 ? cache.access(who.userId, documentId) : undefined;
      const allowed = remembers
        ? { ok: true as const, access: remembers }
        : await readAccess(who.userId, documentId, stamp);
      if (!allowed.ok) return allowed;
      if (cache.changedSince(stamp, who.userId, documentId)) continue;
      if (logger.isLevelEnabled("debug")) {
        logger.debug(
          {
            documentId,
            identity: remembered ? "cached" : "read",
            access: remembers ? "cached" : "read",
            attempt,
            ms: performance.now() - started,
          },
          "socket admission timings",
        );
      }
      return admitted(who, allowed.access, documentId);
    }
    // Rights kept changing under this socket's checks: the client tries again in a moment.
    return { ok: false, code: CloseCode.tryAgainLater, reason: "access is changing: try again" };
  };

  return (
    request: IncomingMessage,
    documentId: string,
    url: URL,
  ): TSocketAdmission | Promise<TSocketAdmission> => {
    const origin = request.headers.origin;
    if (origin !== undefined && !isAllowedOrigin(deps.origins, origin, request.headers.host)) {
      return { ok: false, code: CloseCode.forbidden, reason: "origin not allowed" };
    }
    const credential = credentialOf(request, documentId, url);
    if (!credential.ok) return credential;
    const known = knownIdentity(credential);
    const access = known && cache.access(known.userId, documentId);
    if (!known || !access) return checked(request, documentId, credential, known);
    return admitted(known, access, documentId);
  };
}

function toHeaders(request: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else headers.set(name, value);
  }
  return headers;
}

/**
 * A socket's role now, from the database: `null` when its session ended
 * or the person lost the document. Used to check open sockets again.
 */
export function createAccessRecheck(db: SqlClient) {
  return async (
    identity: { userId: string; sessionId: string | null },
    documentId: string,
  ): Promise<TRole | null> => {
    if (identity.sessionId && !(await sessionIsLive(db, identity.sessionId, identity.userId))) return null;
    const access = await findDocumentAccess(db, identity.userId, documentId);
    if (!access?.document.workspaceId || access.document.deletedAt || !access.role) return null;
    return allows(access, "document:read") ? access.role : null;
  };
}

/** A live session's expiry and its person's name and email (a socket opened with a sync token knows only ids). */
async function liveSession(
  db: SqlExecutor,
  sessionId: string,
  userId: string,
): Promise<{ expiresAt: Date; name: string; email: string } | undefined> {
  const rows = await db.query<{ expiresAt: Date | string; name: string; email: string }>(
    `SELECT s."expiresAt", u."name", u."email" FROM "sessions" s JOIN "users" u ON u."id" = s."userId"
     WHERE s."id" = $1 AND s."userId" = $2 AND s."expiresAt" > now()`,
    [sessionId, userId],
  );
  const row = rows[0];
  return row && { expiresAt: new Date(row.expiresAt), name: row.name, email: row.email };
}

/** Whether a session still exists and has not expired (signing out deletes it). */
export async function sessionIsLive(db: SqlExecutor, sessionId: string, userId: string): Promise<boolean> {
  const rows = await db.query(
    'SELECT 1 FROM "sessions" WHERE "id" = $1 AND "userId" = $2 AND "expiresAt" > now()',
    [sessionId, userId],
  );
  return rows.length > 0;
}
