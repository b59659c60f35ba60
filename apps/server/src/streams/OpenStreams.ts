import type { Context } from "hono";
import {
  type AccessChanges,
  isDocumentChange,
  type TAccessChange,
  type TRightsChange,
} from "../auth/AccessChanges.js";
import { RateLimitedError } from "../errors.js";
import type { Logger } from "../logger.js";

/** Who holds an event stream open: the person, the session that opened it, and their address. */
export interface TStreamHolder {
  userId: string;
  sessionId: string;
  address: string;
}

/**
 * What a stream shows: a workspace's (calls board, presence), or one
 * document's (its comments), with the workspace that document is in.
 */
export interface TStreamScope {
  workspaceId: string;
  documentId?: string;
}

export interface TStreamLimits {
  /** Streams one person may hold open on this instance, all their tabs and sessions together. */
  perPerson: number;
  /** Streams one client address may hold open on this instance (many people behind one NAT). */
  perAddress: number;
}

/** What a refused stream's Retry-After says: about when a tab closed elsewhere has let go of its slot. */
export const STREAM_RETRY_AFTER_SECONDS = 30;

/** One open stream's slot: ended by access changes, released by the stream when it finishes. */
export class StreamSlot {
  private ending: (() => void) | undefined;
  /** True once the holder's access ended: nothing more may be sent. */
  ended = false;

  constructor(
    readonly holder: TStreamHolder,
    readonly scope: TStreamScope,
    private readonly onRelease: (slot: StreamSlot) => void,
  ) {}

  /** Runs `listener` when access ends (at once if it already has). */
  onEnd(listener: () => void): void {
    if (this.ended) listener();
    else this.ending = listener;
  }

  /** Access ended: the stream stops at once and its slot is free. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.ending?.();
    this.release();
  }

  /** The stream finished (or never started); safe to call more than once. */
  release(): void {
    this.onRelease(this);
  }
}

/**
 * The event streams (comments, calls board, presence) open on this
 * instance. Each is authorised when it opens; this keeps it honest after:
 * every rights change on the bus (from this instance or, through Redis,
 * another) ends the streams it touches, as the sync server closes sockets,
 * and `recheckAll` catches what the bus missed. It also caps the streams
 * per person and per address, so one account cannot hold hundreds open.
 */
export class OpenStreams {
  private readonly byUser = new Map<string, Set<StreamSlot>>();
  private readonly byAddress = new Map<string, number>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly options: {
      accessChanges: AccessChanges;
      /**
       * Whether the holder may still read what the stream shows: their
       * session is live and the same policy that let them open it allows
       * it. Throws when it cannot tell (the database is away).
       */
      stillAllowed(holder: TStreamHolder, scope: TStreamScope): Promise<boolean>;
      limits: TStreamLimits;
      /** The client address a request came from, as the rate limits count it. */
      addressOf(c: Context): string;
      logger: Logger;
    },
  ) {
    this.unsubscribe = options.accessChanges.subscribe((change) => this.apply(change));
  }

  /**
   * Takes a slot for a stream that `account` was just authorised to open,
   * or throws 429 when they or their address hold as many as allowed.
   */
  open(c: Context, account: { userId: string; sessionId: string }, scope: TStreamScope): StreamSlot {
    const holder: TStreamHolder = {
      userId: account.userId,
      sessionId: account.sessionId,
      address: this.options.addressOf(c),
    };
    const { perPerson, perAddress } = this.options.limits;
    const mine = this.byUser.get(holder.userId);
    if ((mine?.size ?? 0) >= perPerson) {
      throw new RateLimitedError(
        STREAM_RETRY_AFTER_SECONDS,
        `You have ${perPerson} live views open on this server, the most allowed. Close some tabs, then try again.`,
      );
    }
    const fromAddress = this.byAddress.get(holder.address) ?? 0;
    if (fromAddress >= perAddress) {
      throw new RateLimitedError(
        STREAM_RETRY_AFTER_SECONDS,
        "Too many live views are open from your network. Close some tabs, then try again.",
      );
    }
    let released = false;
    const slot = new StreamSlot(holder, scope, (done) => {
      if (released) return;
      released = true;
      this.forget(done);
    });
    if (mine) mine.add(slot);
    else this.byUser.set(holder.userId, new Set([slot]));
    this.byAddress.set(holder.address, fromAddress + 1);
    return slot;
  }

  /**
   * Checks every open stream's access again and ends those whose holder may
   * no longer read it: the backstop for changes the bus did not carry
   * (Redis away, a session that expired). A check that fails leaves its
   * stream open. Returns how many ended.
   */
  async recheckAll(): Promise<number> {
    let ended = 0;
    const slots = [...this.byUser.values()].flatMap((set) => [...set]);
    for (const slot of slots) {
      if (slot.ended) continue;
      const allowed = await this.options.stillAllowed(slot.holder, slot.scope).catch(() => true);
      if (allowed || slot.ended) continue;
      slot.end();
      ended++;
    }
    if (ended > 0) this.options.logger.info({ ended }, "event streams ended: access checked again");
    return ended;
  }

  /** Stops listening for rights changes; open streams end with their connections. */
  close(): void {
    this.unsubscribe();
  }

  private forget(slot: StreamSlot): void {
    const { userId, address } = slot.holder;
    const mine = this.byUser.get(userId);
    mine?.delete(slot);
    if (mine?.size === 0) this.byUser.delete(userId);
    const fromAddress = (this.byAddress.get(address) ?? 1) - 1;
    if (fromAddress > 0) this.byAddress.set(address, fromAddress);
    else this.byAddress.delete(address);
  }

  /**
   * A sign-out ends the streams at once. Any other change is checked
   * against the database first: losing a workspace or a grant ends them,
   * a new role that still reads (a demotion to viewer) leaves them open.
   */
  private apply(change: TRightsChange): void {
    // A document moved to the trash is a change of the document, not of anyone's rights.
    if (isDocumentChange(change)) return;
    const mine = this.byUser.get(change.userId);
    if (!mine) return;
    for (const slot of [...mine]) {
      const { holder, scope } = slot;
      if (change.sessionId && holder.sessionId !== change.sessionId) continue;
      if (change.workspaceId && scope.workspaceId !== change.workspaceId) continue;
      if (change.documentId && scope.documentId !== change.documentId) continue;
      if (change.reason === "session_renewed") {
        if (change.sessionId && change.renewedAs) holder.sessionId = change.renewedAs;
        continue;
      }
      if (change.reason === "signed_out") {
        this.end(slot, change.reason);
        continue;
      }
      // A check that cannot be made ends the stream: the client reconnects and is checked then.
      this.options.stillAllowed(holder, scope).then(
        (allowed) => allowed || this.end(slot, change.reason),
        () => this.end(slot, change.reason),
      );
    }
  }

  private end(slot: StreamSlot, reason: TAccessChange["reason"]): void {
    if (slot.ended) return;
    this.options.logger.info(
      { workspaceId: slot.scope.workspaceId, documentId: slot.scope.documentId, reason },
      "event stream ended: access changed",
    );
    slot.end();
  }
}
