import { useState } from "react";
import { useTranslation } from "../i18n";
import { TestId } from "../testIds";
import { Dialog } from "./Dialog";

interface Props {
  title: string;
  message: string;
  confirmLabel: string;
  /** Resolves when done; rejects with a message to show in the dialog. */
  onConfirm: () => Promise<void>;
  onClose: () => void;
}

/** "Are you sure?" in the page, not `window.confirm`: styled, translated, and testable. */
export function ConfirmDialog({ title, message, confirmLabel, onConfirm, onClose }: Props) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      onClose();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
      setBusy(false);
    }
  };

  return (
    <Dialog title={title} onClose={onClose}>
      <p>{message}</p>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog__actions">
        <button type="button" className="button secondary" onClick={onClose} disabled={busy}>
          {t("actions.cancel")}
        </button>
        <button
          type="button"
          className="button danger"
          data-testid={TestId.confirmAction}
          onClick={() => void confirm()}
          disabled={busy}
        >
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
