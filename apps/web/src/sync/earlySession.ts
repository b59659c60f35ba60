import { CloseCode } from "@caucus/shared";
import { CollaborationSession } from "./CollaborationSession";

/**
 * A document's session opened at start-up, while the editor's code is still
 * on its way: on a 400 ms link the local copy's load, the socket's two
 * handshakes and the first sync (three round trips) then overlap the
 * download, and the editor shows the text the moment its code has run.
 * It is the ordinary session with the ordinary provider, only started
 * sooner; the document page takes it over (`takeEarlySession`).
 *
 * A session nobody takes within `UNCLAIMED_MS` is discarded, and so is one
 * the server refused as signed out (4401): signing in changes that answer,
 * so the page opens a new one once someone has. Any other refusal (no such
 * document, no access) is the page's answer too and is handed over with it.
 * Once the page has asked, nothing more opens early: a page that mounted
 * first (its code came from the cache) keeps the one session it opened.
 */
const UNCLAIMED_MS = 15_000;

/** What this module needs of a session; `CollaborationSession` in the app. */
export interface TEarlySession {
  readonly documentId: string;
  onServerClose(listener: (code: number) => void): () => void;
  /** Closes the session, deleting its local copy if it never held anything. */
  discard(): void;
}

interface TEarly<T extends TEarlySession> {
  readonly session: T;
  readonly presenceId: string | undefined;
  readonly forget: () => void;
}

let early: TEarly<TEarlySession> | undefined;
let asked = false;

export function openEarlySession<T extends TEarlySession = CollaborationSession>(
  documentId: string,
  presenceId?: string,
  open: () => T = () => new CollaborationSession(documentId, presenceId) as unknown as T,
): void {
  if (early || asked) return;
  const session = open();
  const discard = () => {
    if (early?.session !== session) return;
    early.forget();
    early = undefined;
    session.discard();
  };
  const timer = setTimeout(discard, UNCLAIMED_MS);
  const stopListening = session.onServerClose((code) => {
    if (code === CloseCode.unauthorized) discard();
  });
  early = {
    session,
    presenceId,
    forget: () => {
      clearTimeout(timer);
      stopListening();
    },
  };
}

/** The session opened at start-up for this document and presence id, once; undefined when there is none. */
export function takeEarlySession<T extends TEarlySession = CollaborationSession>(
  documentId: string,
  presenceId?: string,
): T | undefined {
  asked = true;
  const taken = early;
  if (!taken) return undefined;
  early = undefined;
  taken.forget();
  if (taken.session.documentId === documentId && taken.presenceId === presenceId) return taken.session as T;
  taken.session.discard();
  return undefined;
}
