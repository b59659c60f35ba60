import type { TDocument } from "@caucus/shared";
import { useCallback } from "react";
import { isUnreachable } from "../api/client";
import { listDocuments } from "../api/documents";
import { useRequest } from "../common/useRequest";
import { listKeptDocuments, type TKeptDocument } from "../editor/documentCache";

export type TListState =
  | { status: "loading" }
  | { status: "error"; error: unknown }
  /** The server cannot be reached: the documents this device keeps a copy of. */
  | { status: "offline"; kept: TKeptDocument[] }
  | { status: "ready"; documents: TDocument[] };

/**
 * The documents (or the trash) as the server lists them, with helpers that
 * apply a change locally as soon as the server confirmed it.
 */
export function useDocumentList(workspaceId: string, deleted: boolean) {
  const list = useRequest(useCallback(() => listDocuments(workspaceId, deleted), [workspaceId, deleted]));
  const { update } = list;
  const state: TListState =
    list.status === "error"
      ? isUnreachable(list.error) && !deleted
        ? { status: "offline", kept: listKeptDocuments(workspaceId) }
        : { status: "error", error: list.error }
      : list.value
        ? { status: "ready", documents: list.value }
        : { status: "loading" };

  const upsert = useCallback(
    (document: TDocument) =>
      update((documents) => {
        if (!documents) return documents;
        const others = documents.filter((d) => d.id !== document.id);
        return [document, ...others].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
      }),
    [update],
  );

  const replace = useCallback(
    (document: TDocument) =>
      update((documents) => documents?.map((d) => (d.id === document.id ? document : d))),
    [update],
  );

  const remove = useCallback(
    (id: string) => update((documents) => documents?.filter((d) => d.id !== id)),
    [update],
  );

  return { state, reload: list.reload, upsert, replace, remove };
}
