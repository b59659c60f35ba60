import { type ReactNode, useEffect, useId, useRef } from "react";
import { useTranslation } from "../i18n";

interface Props {
  title: string;
  /** Called when the person closes the dialog: Escape, the close button, or the parent's own buttons. */
  onClose: () => void;
  children: ReactNode;
  /** For browser tests: the `data-testid` of the dialog element. */
  testId?: string;
}

/**
 * A modal on the native `<dialog>`: the browser keeps focus inside, makes
 * the page behind inert and closes it on Escape. Mount it to open it; focus
 * returns to whatever opened it.
 */
export function Dialog({ title, onClose, children, testId }: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  // Read from a ref so the effect below runs once, however often the parent re-renders.
  const closeRef = useRef(onClose);
  closeRef.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      if (dialog?.open) dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={`${id}-title`}
      data-testid={testId}
      onCancel={(event) => {
        // Escape: let the parent unmount us, so React and the element agree.
        event.preventDefault();
        closeRef.current();
      }}
    >
      <div className="dialog__header">
        <h2 id={`${id}-title`} className="dialog__title">
          {title}
        </h2>
        <button
          type="button"
          className="button secondary dialog__close"
          aria-label={t("actions.close")}
          onClick={() => closeRef.current()}
        >
          ×
        </button>
      </div>
      <div className="dialog__body">{children}</div>
    </dialog>
  );
}
