import { type ReactNode, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../api/errorMessage";
import { TestId } from "../testIds";

/** What one request of a view gave: nothing yet, its answer, or the error to show. */
export type TRequestState<T> = { data: T | null; error: string | null };

/** Runs `fetch` when `key` changes and keeps its answer or error; a stale answer is dropped. */
export function useRequest<T>(key: string, fetch: () => Promise<T>): TRequestState<T> {
  const { t } = useTranslation();
  const [state, setState] = useState<TRequestState<T>>({ data: null, error: null });
  const fetchRef = useRef(fetch);
  fetchRef.current = fetch;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` names the request; `fetch` is read from a ref.
  useEffect(() => {
    let current = true;
    setState({ data: null, error: null });
    fetchRef.current().then(
      (data) => current && setState({ data, error: null }),
      (caught: unknown) => current && setState({ data: null, error: errorMessage(caught, t) }),
    );
    return () => {
      current = false;
    };
  }, [key, t]);
  return state;
}

/**
 * A view of the versions panel (one version, a comparison): "Back to
 * versions" first, where keyboard focus lands since the button that
 * opened the view is gone; then the loading, error or loaded content.
 */
export function PanelView({
  request,
  loadingText,
  onBack,
  testId,
  children,
}: {
  request: TRequestState<unknown>;
  loadingText: string;
  onBack: () => void;
  testId?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const backRef = useRef<HTMLButtonElement>(null);
  useEffect(() => backRef.current?.focus(), []);
  const loading = !request.data && !request.error;
  return (
    <section className="versions__view" data-testid={testId} aria-busy={loading}>
      <button
        ref={backRef}
        type="button"
        className="button secondary"
        data-testid={TestId.versionsBack}
        onClick={onBack}
      >
        {t("versions.back")}
      </button>
      {request.error && (
        <p className="banner error" role="alert">
          {request.error}
        </p>
      )}
      {loading && <p className="hint">{loadingText}</p>}
      {request.data !== null && children}
    </section>
  );
}
