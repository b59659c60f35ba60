import { CloseCode } from "@caucus/shared";
import { type TFunction, useTranslation } from "../i18n";
import { TestId } from "../testIds";
import type { TSaveStatus } from "./saveStatus";

/** Close codes with their own sentence; others get the generic one for their state. */
const ERROR_KEYS: Record<number, string> = {
  [CloseCode.badRequest]: "status.error.badRequest",
  [CloseCode.unauthorized]: "status.error.unauthorized",
  [CloseCode.forbidden]: "status.error.forbidden",
  [CloseCode.documentNotFound]: "status.error.documentNotFound",
  [CloseCode.documentTooLarge]: "status.error.documentTooLarge",
};
const RETRY_KEYS: Record<number, string> = {
  [CloseCode.documentLoadFailed]: "status.reconnecting.loadFailed",
  [CloseCode.restarting]: "status.reconnecting.restarting",
  [CloseCode.tryAgainLater]: "status.reconnecting.busy",
};

function statusText(status: TSaveStatus, t: TFunction): string {
  const count = status.pendingEdits;
  switch (status.state) {
    case "saved":
      return t("status.saved");
    case "saving":
      return t("status.saving");
    case "offline":
      return count === 0 ? t("status.offlineNothingWaiting") : t("status.offline", { count });
    case "reconnecting":
      return t((status.closeCode !== null && RETRY_KEYS[status.closeCode]) || "status.reconnecting.default");
    case "error":
      return t((status.closeCode !== null && ERROR_KEYS[status.closeCode]) || "status.error.default");
  }
}

/**
 * The one line that says whether this person's words are safe. Polite live
 * region: screen readers hear changes without being interrupted mid-sentence.
 */
export function SaveStatusLine({ status }: { status: TSaveStatus }) {
  const { t } = useTranslation();
  const text = statusText(status, t);
  return (
    <p
      // Its words, for a pointer, where a phone's header shows only the dot.
      title={text}
      className={`save-status save-status--${status.state}`}
      role="status"
      aria-live="polite"
      data-testid={TestId.saveStatus}
      data-state={status.state}
      data-pending={status.pendingEdits}
    >
      <span className="save-status__dot" aria-hidden="true" />
      <span className="save-status__text">{text}</span>
    </p>
  );
}
