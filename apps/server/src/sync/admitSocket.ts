import type { IncomingMessage } from "node:http";
import { CloseCode, displayName, type TRole, textAccess } from "@caucus/shared";
import type { Auth } from "../auth/createAuth.js";
import { isAllowedOrigin, type OriginPolicy } from "../auth/origin.js";
import { readAccount } from "../auth/session.js";
import type { SyncTokens } from "../auth/syncToken.js";
import { allows, findDocumentAccess } from "../documents/policy.js";
import type { Logger } from "../logger.js";
import type { SqlClient } from "../platform/db/SqlClient.js";
import type { AuditLog } from "../workspaces/AuditLog.js";
import type { TSocketAdmission } from "./SocketGate.js";

/** A person's opening of a document is audited at most once in this window. */
const OPENED_AUDIT_WINDOW_MS = 30 * 60 * 1000;
/** Bound on the memory of recent opens; the oldest are forgotten first. */
const OPENED_AUDIT_MEMORY = 10_000;
/** Bound on the identity strings kept to share; the oldest are forgotten first. */
const SHARED_STRINGS = 10_000;

export interface SocketAdmissionDeps {
  auth: Auth;
  db: SqlClient;
  origins: OriginPolicy;
  syncTokens: SyncTokens;
  audit: AuditLog;
  logger: Logger;
}

/**
 * The sync socket's gate, run before the upgrade completes: the Origin
 * (a page of this server, when a browser connects), then a sync token or
 * the session cookie, then the person's role on the document from the same
 * policy as REST. A cookie always needs an allowed Origin, which is what
 * stops another site's page from opening a socket with a member's cookie.
 */
export function createSocketAdmission(deps: SocketAdmissionDeps) {
  const recentlyOpened = new Map<string, number>();
  // Every admission reads its ids and name from the database afresh: one
  // copy of each per socket, held as long as the socket (about 200 bytes).
  // The sockets of one person, and of one workspace, share one instead.
  const strings = new Map<string, string>();
  const shared = (value: string): string => {
    const known = strings.get(value);
    if (known !== undefined) return known;
    strings.set(value, value);
    if (strings.size > SHARED_STRINGS) {
      const oldest = strings.keys().next().value;
      if (oldest !== undefined) strings.delete(oldest);
    }
    return value;
  };

  const auditOpened = (userId: string, workspaceId: string, documentId: string, title: string) => {
    const key = `${userId}:${documentId}`;
    const now = Date.now();
    const last = recentlyOpened.get(key);
    if (last !== undefined && now - last < OPENED_AUDIT_WINDOW_MS) return;
    recentlyOpened.delete(key);
    recentlyOpened.set(key, now);
    if (recentlyOpened.size > OPENED_AUDIT_MEMORY) {
      const oldest = recentlyOpened.keys().next().value;
      if (oldest !== undefined) recentlyOpened.delete(oldest);
    }
    deps.audit
      .record({
        workspaceId,
        action: "document_opened",
        actorId: userId,
        target: { type: "document", id: documentId, label: title },
      })
      .catch((error: unknown) => deps.logger.warn({ err: error }, "recording a document opening failed"));
  };

  return async (request: IncomingMessage, documentId: string, url: URL): Promise<TSocketAdmission> => {
    const started = performance.now();
    const origin = request.headers.origin;
    if (origin !== undefined && !isAllowedOrigin(deps.origins, origin, request.headers.host)) {
      return { ok: false, code: CloseCode.forbidden, reason: "origin not allowed" };
    }

    let userId: string;
    let sessionId: string | null = null;
    let name: string | null = null;
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
      // The session that asked for the token must still be live: signing
      // out (everywhere) ends the token with it.
      if (!(await sessionIsLive(deps.db, verified.sessionId, verified.userId))) {
        return { ok: false, code: CloseCode.unauthorized, reason: "session ended" };
      }
      userId = verified.userId;
      sessionId = verified.sessionId;
    } else {
      if (origin === undefined) {
        return {
          ok: false,
          code: CloseCode.unauthorized,
          reason: "send a sync token or an Origin with the cookie",
        };
      }
      const account = await readAccount(deps.auth, toHeaders(request));
      if (!account) return { ok: false, code: CloseCode.unauthorized, reason: "not signed in" };
      userId = account.userId;
      sessionId = account.sessionId;
      name = displayName(account);
    }

    const identified = performance.now();
    const access = await findDocumentAccess(deps.db, userId, documentId);
    deps.logger.debug(
      { documentId, identifyMs: identified - started, accessMs: performance.now() - identified },
      "socket admission timings",
    );
    if (!access?.document.workspaceId || access.document.deletedAt) {
      return { ok: false, code: CloseCode.documentNotFound, reason: "no such document" };
    }
    if (!access.role || !allows(access, "document:read")) {
      return { ok: false, code: CloseCode.forbidden, reason: "no access to this document" };
    }
    auditOpened(userId, access.document.workspaceId, documentId, access.document.title);
    const text = textAccess(access);
    return {
      ok: true,
      identity: {
        userId: shared(userId),
        displayName: shared(name ?? (await accountName(deps.db, userId))),
        sessionId: sessionId === null ? null : shared(sessionId),
        workspaceId: shared(access.document.workspaceId),
        role: access.role,
        readOnly: text === "read",
        suggestOnly: text === "suggest",
      },
    };
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

/** The name co-drafters see for an account (a socket opened with a sync token knows only its id). */
async function accountName(db: SqlClient, userId: string): Promise<string> {
  const rows = await db.query<{ name: string; email: string }>(
    'SELECT "name", "email" FROM "users" WHERE "id" = $1',
    [userId],
  );
  const account = rows[0];
  return account ? displayName(account) : "";
}

/** Whether a session still exists and has not expired (signing out deletes it). */
export async function sessionIsLive(db: SqlClient, sessionId: string, userId: string): Promise<boolean> {
  const rows = await db.query(
    'SELECT 1 FROM "sessions" WHERE "id" = $1 AND "userId" = $2 AND "expiresAt" > now()',
    [sessionId, userId],
  );
  return rows.length > 0;
}
