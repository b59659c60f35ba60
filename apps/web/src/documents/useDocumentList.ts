import type { TDocument } from "@caucus/shared";
import { useCallback, useEffect, useState } from "react";
import { listDocuments } from "../api/documents";

export type TListState =
  | { status: "loading" }
  | { status: "error"; error: unknown }
  | { status: "ready"; documents: TDocument[] };

/**
 * The documents (or the trash) as the server lists them, with helpers that
 * apply a change locally as soon as the server confirmed it.
 */
export function useDocumentList(workspaceId: string, deleted: boolean) {
  const [state, setState] = useState<TListState>({ status: "loading" });

  const reload = useCallback(() => {
    let current = true;
    setState({ status: "loading" });
    listDocuments(workspaceId, deleted).then(
      (documents) => current && setState({ status: "ready", documents }),
      (error: unknown) => current && setState({ status: "error", error }),
    );
    return () => {
      current = false;
    };
  }, [workspaceId, deleted]);

  useEffect(reload, [reload]);

  const upsert = useCallback((document: TDocument) => {
    setState((prev) => {
      if (prev.status !== "ready") return prev;
      const others = prev.documents.filter((d) => d.id !== document.id);
      const documents = [document, ...others].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
      return { status: "ready", documents };
    });
  }, []);

  const replace = useCallback((document: TDocument) => {
    setState((prev) =>
      prev.status === "ready"
        ? { status: "ready", documents: prev.documents.map((d) => (d.id === document.id ? document : d)) }
        : prev,
    );
  }, []);

  const remove = useCallback((id: string) => {
    setState((prev) =>
      prev.status === "ready"
        ? { status: "ready", documents: prev.documents.filter((d) => d.id !== id) }
        : prev,
    );
  }, []);

  return { state, reload, upsert, replace, remove };
}
