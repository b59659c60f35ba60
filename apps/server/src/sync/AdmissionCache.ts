/**
 * What the sync socket's gate learnt about credentials, people's rights and
 * documents, kept so that a reconnect storm (a hall's Wi-Fi coming back)
 * does not ask the database three times per socket. Every fact is dropped
 * when the rights-change bus announces something that touches it, when
 * Redis (and with it other instances' announcements) is away or comes
 * back, at the session's own expiry, and in any case after `ttlMs`: never
 * older than the periodic recheck of open sockets. docs/SECURITY.md, "The
 * admission cache", says why that is safe.
 */
import { allows, type TDocumentAccessRole, type TRole } from "@caucus/shared";
import { type AccessChanges, isDocumentChange, type TRightsChange } from "../auth/AccessChanges.js";
import { accessFromRights, type TDocumentPlace, type TPersonRights } from "../documents/policy.js";

/** Who a credential belongs to. */
export interface TCachedIdentity {
  userId: string;
  sessionId: string;
  /** The name co-drafters see. */
  name: string;
}

/** A person's role on a document that exists, is not deleted and that they may read. */
export interface TCachedAccess extends TDocumentAccessRole {
  workspaceId: string;
  role: TRole;
}

interface Held<T> {
  value: T;
  /** Epoch milliseconds after which it is no longer served. */
  until: number;
}

export interface AdmissionCacheOptions {
  accessChanges: AccessChanges;
  /** The longest any fact is kept, whatever else happens. */
  ttlMs: number;
  /** Bound on each map; the least recently used go first. */
  maxEntries: number;
  now?: () => number;
}

/**
 * Changes remembered, by person and document, for `changedSince`; past this
 * the older half is forgotten and admissions that began before it are
 * treated as overtaken.
 */
const MAX_REMEMBERED_CHANGES = 10_000;

export class AdmissionCache {
  private readonly identities = new Map<string, Held<TCachedIdentity>>();
  /** A person's rights, by person: one entry answers all their documents. */
  private readonly people = new Map<string, Held<TPersonRights>>();
  /** Where each document lives, by document: one entry answers everyone on it. */
  private readonly places = new Map<string, Held<TDocumentPlace>>();
  /** Counts every change heard; a stamp is its value when an admission began. */
  private clock = 0;
  /** The clock at the last flush, and at the last forgetting of remembered changes. */
  private flushedAt = 0;
  private forgottenBefore = 0;
  private readonly userChanged = new Map<string, number>();
  private readonly documentChanged = new Map<string, number>();
  /** The bus was found not listening: flush once it is again. */
  private deaf = false;
  private readonly unsubscribe: () => void;
  private readonly now: () => number;

  constructor(private readonly options: AdmissionCacheOptions) {
    this.now = options.now ?? Date.now;
    this.unsubscribe = options.accessChanges.subscribe((change) => this.forget(change));
  }

  /** Hand it back to `remember…` and `changedSince`: facts read after it are judged against it. */
  stamp(): number {
    return this.clock;
  }

  /**
   * Whether anything touching `userId` or `documentId` was heard since
   * `stamp` (or everything was flushed): what was read from the database
   * meanwhile may predate that change.
   */
  changedSince(stamp: number, userId: string | undefined, documentId?: string): boolean {
    if (this.flushedAt > stamp || this.forgottenBefore > stamp) return true;
    if (userId !== undefined && (this.userChanged.get(userId) ?? 0) > stamp) return true;
    return documentId !== undefined && (this.documentChanged.get(documentId) ?? 0) > stamp;
  }

  /** The identity behind `key` (a verified credential), if known and still valid. */
  identity(key: string): TCachedIdentity | undefined {
    return this.served(this.identities, key);
  }

  /**
   * Keeps `identity` for `key` until the session's `expiresAt` (epoch ms)
   * or the TTL, unless a change touching the person was heard since `stamp`.
   */
  rememberIdentity(key: string, identity: TCachedIdentity, expiresAt: number, stamp: number): void {
    if (!this.usable() || this.changedSince(stamp, identity.userId)) return;
    this.hold(this.identities, key, {
      value: identity,
      until: Math.min(expiresAt, this.now() + this.options.ttlMs),
    });
  }

  /**
   * `userId`'s role on `documentId` when both the person's rights and the
   * document's place are known and still valid, and the role reads it;
   * otherwise undefined (the database decides, refusals included).
   */
  access(userId: string, documentId: string): TCachedAccess | undefined {
    const rights = this.served(this.people, userId);
    const place = rights && this.served(this.places, documentId);
    if (!rights || !place) return undefined;
    const { role, isMember } = accessFromRights(rights, documentId, place);
    if (!role || !allows({ role, isMember }, "document:read")) return undefined;
    return { workspaceId: place.workspaceId, role, isMember };
  }

  /** Keeps a person's rights for the TTL, unless a change touching them was heard since `stamp`. */
  rememberPerson(userId: string, rights: TPersonRights, stamp: number): void {
    if (!this.usable() || this.changedSince(stamp, userId)) return;
    this.hold(this.people, userId, { value: rights, until: this.now() + this.options.ttlMs });
  }

  /** Keeps where a document lives for the TTL, unless it changed since `stamp`. */
  rememberPlace(documentId: string, place: TDocumentPlace, stamp: number): void {
    if (!this.usable() || this.changedSince(stamp, undefined, documentId)) return;
    this.hold(this.places, documentId, { value: place, until: this.now() + this.options.ttlMs });
  }

  /** Drops everything: for when changes may have been missed (Redis came back). */
  flush(): void {
    this.identities.clear();
    this.people.clear();
    this.places.clear();
    this.flushedAt = ++this.clock;
  }

  /** Stops hearing changes (graceful stop). */
  dispose(): void {
    this.unsubscribe();
    this.flush();
  }

  get size(): number {
    return this.identities.size + this.people.size + this.places.size;
  }

  /**
   * Drops what a change touches. A session ending drops that session's
   * identity (every one of the person's when no session is named); any
   * other change of a person's rights drops all of that person's rights,
   * whatever its scope: rights change rarely, and a wider drop can never
   * leave a stale role behind. A document deleted drops its place, so
   * nobody's role on it is known any more.
   */
  private forget(change: TRightsChange): void {
    const at = ++this.clock;
    if (isDocumentChange(change)) {
      this.documentChanged.set(change.documentId, at);
      this.places.delete(change.documentId);
    } else {
      this.userChanged.set(change.userId, at);
      const sessionEnded = change.reason === "signed_out" || change.reason === "session_renewed";
      if (sessionEnded) {
        for (const [key, { value }] of this.identities) {
          if (value.userId !== change.userId) continue;
          if (change.sessionId && value.sessionId !== change.sessionId) continue;
          this.identities.delete(key);
        }
      } else {
        this.people.delete(change.userId);
      }
    }
    if (this.userChanged.size + this.documentChanged.size > MAX_REMEMBERED_CHANGES) {
      this.userChanged.clear();
      this.documentChanged.clear();
      this.forgottenBefore = at;
    }
  }

  /**
   * False while the bus cannot hear other instances (Redis away): nothing
   * is served or kept then, and everything is dropped once it can again.
   */
  private usable(): boolean {
    if (!this.options.accessChanges.listening) {
      this.deaf = true;
      return false;
    }
    if (this.deaf) {
      this.deaf = false;
      this.flush();
    }
    return true;
  }

  private served<T>(map: Map<string, Held<T>>, key: string): T | undefined {
    if (!this.usable()) return undefined;
    const held = map.get(key);
    if (!held) return undefined;
    map.delete(key);
    if (held.until <= this.now()) return undefined;
    // Put back last: the map's order is its use, oldest first.
    map.set(key, held);
    return held.value;
  }

  private hold<T>(map: Map<string, Held<T>>, key: string, held: Held<T>): void {
    map.delete(key);
    map.set(key, held);
    if (map.size > this.options.maxEntries) {
      const oldest = map.keys().next().value;
      if (oldest !== undefined) map.delete(oldest);
    }
  }
}
