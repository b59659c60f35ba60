import type { TDocument } from "@caucus/shared";
import { useCallback, useMemo } from "react";
import { ApiError, isUnreachable } from "../api/client";
import { useRequest } from "../common/useRequest";
import { forgetDocumentCopy } from "../sync/localCopies";
import { loadCachedDocument, saveCachedDocument, type TCachedDocument } from "./documentCache";
import { takeDocument } from "./documentPrefetch";

/** What the API said of a document. "unreachable": offline (or the server down), with nothing loaded yet. */
export type TDocumentMeta =
  | { status: "loading" }
  | { status: "ready"; document: TDocument }
  | { status: "unreachable" }
  | { status: "error"; error: unknown };

/**
 * A document's title, kind, workspace and the person's role on it, for
 * the document page and the delivery view: from the API (and cached on
 * this device), else from the cache, so a page opened offline still says
 * which document it is. A fetch that fails offline keeps what is known;
 * any other failure (not found, no access) is the page's error. `reload`
 * asks again, as when the server says this person's rights changed.
 */
export function useDocumentMeta(documentId: string): {
  meta: TDocumentMeta;
  /** The document as the API said, else as this device last knew it; null when neither knows. */
  known: TCachedDocument | null;
  reload: () => void;
  /** After a change the server confirmed (a rename): the document as it is now. */
  replace: (document: TDocument) => void;
} {
  const request = useRequest<TDocument>(
    useCallback(
      () =>
        takeDocument(documentId).then(
          (document) => {
            saveCachedDocument(document);
            return document;
          },
          (error: unknown) => {
            // Not found, or no access (removed, demoted to none): the copy this device kept goes.
            if (error instanceof ApiError && (error.status === 403 || error.status === 404))
              void forgetDocumentCopy(documentId);
            throw error;
          },
        ),
      [documentId],
    ),
  );
  const cached = useMemo(() => loadCachedDocument(documentId), [documentId]);
  const { value: document, error, status, reload, update } = request;
  const replace = useCallback(
    (changed: TDocument) => {
      saveCachedDocument(changed);
      update(() => changed);
    },
    [update],
  );
  const meta: TDocumentMeta =
    status === "error" && !isUnreachable(error)
      ? { status: "error", error }
      : document
        ? { status: "ready", document }
        : status === "error"
          ? { status: "unreachable" }
          : { status: "loading" };
  const known = document
    ? { title: document.title, role: document.role, workspaceId: document.workspaceId, kind: document.kind }
    : cached;
  return { meta, known, reload, replace };
}
