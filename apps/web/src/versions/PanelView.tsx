import { type ReactNode, useEffect, useRef } from "react";
import { errorMessage } from "../api/errorMessage";
import type { TRequest } from "../common/useRequest";
import { useTranslation } from "../i18n";
import { TestId } from "../testIds";

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
  request: Pick<TRequest<unknown>, "status" | "error">;
  loadingText: string;
  onBack: () => void;
  testId?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const backRef = useRef<HTMLButtonElement>(null);
  useEffect(() => backRef.current?.focus(), []);
  const loading = request.status === "loading";
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
      {request.status === "error" && (
        <p className="banner error" role="alert">
          {errorMessage(request.error, t)}
        </p>
      )}
      {loading && <p className="hint">{loadingText}</p>}
      {request.status === "ready" && children}
    </section>
  );
}
