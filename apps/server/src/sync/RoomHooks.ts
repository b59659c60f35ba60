/**
 * Room hooks: how a feature (automatic versions, draft estimates) hears
 * what happens to the documents loaded here, the way a Hocuspocus
 * extension does, instead of a closure wired in `server.ts`. A feature
 * implements the hooks it needs and registers itself with the sync server;
 * every room calls them.
 */
import type { Logger } from "../logger.js";
import type { TSocketIdentity } from "./Connection.js";

/** A socket admitted to a document on this instance, as a feature hears of it. */
export interface TOpenedSocket {
  documentId: string;
  identity: TSocketIdentity;
  /** The query of the socket's address (`?caps=…&presence=…`); read it now, it is not kept. */
  query: URLSearchParams;
}

/** Called once when a socket closes; what a feature's `opened` may return. */
export type TSocketRelease = () => void;

/** The hooks a feature may implement; each is optional. */
export interface TRoomHooks {
  /**
   * A loaded document changed: an edit from a socket here, or one relayed
   * from another instance. Called once per update, on the path of every
   * keystroke: note it and return, and do the work later.
   */
  edited?(documentId: string): void;
  /**
   * A socket was admitted to a document here. Returns what to do when it
   * closes, if anything; most sockets should cost a feature nothing.
   */
  opened?(socket: TOpenedSocket): TSocketRelease | undefined;
}

/** Where features register their hooks (the sync server). */
export interface TRoomHookRegistry {
  /** Adds a feature's hooks for every room, loaded now or later; returns its removal. */
  register(hooks: TRoomHooks): () => void;
}

/**
 * The hooks every room of one sync server calls. Each hook has its own
 * list of the features that implement it, replaced (never changed in
 * place) on registration, so a call allocates nothing and a feature
 * registered during a call is heard from the next one on.
 */
export class RoomHooks implements TRoomHookRegistry {
  private editedHooks: readonly TRoomHooks[] = [];
  private openedHooks: readonly TRoomHooks[] = [];

  constructor(private readonly logger: Logger) {}

  register(hooks: TRoomHooks): () => void {
    if (hooks.edited) this.editedHooks = [...this.editedHooks, hooks];
    if (hooks.opened) this.openedHooks = [...this.openedHooks, hooks];
    return () => {
      this.editedHooks = this.editedHooks.filter((registered) => registered !== hooks);
      this.openedHooks = this.openedHooks.filter((registered) => registered !== hooks);
    };
  }

  /** Tells every feature that `documentId` changed. */
  edited(documentId: string): void {
    const hooks = this.editedHooks;
    for (let i = 0; i < hooks.length; i++) {
      try {
        // Called as a method, so a feature's class keeps its `this`.
        (hooks[i] as TRoomHooks).edited?.(documentId);
      } catch (error) {
        // A feature's bug costs that feature, never the edit or its socket.
        this.logger.error({ err: error, documentId }, "a room hook failed");
      }
    }
  }

  /** Tells every feature a socket opened; returns the releases to call when it closes, or undefined. */
  opened(socket: TOpenedSocket): TSocketRelease | undefined {
    let releases: TSocketRelease[] | undefined;
    for (const hooks of this.openedHooks) {
      try {
        const release = hooks.opened?.(socket);
        if (release) {
          releases ??= [];
          releases.push(release);
        }
      } catch (error) {
        this.logger.error({ err: error, documentId: socket.documentId }, "a socket hook failed");
      }
    }
    if (!releases) return undefined;
    const all = releases;
    return () => {
      for (const release of all) {
        try {
          release();
        } catch (error) {
          this.logger.error({ err: error, documentId: socket.documentId }, "a socket hook's release failed");
        }
      }
    };
  }
}
