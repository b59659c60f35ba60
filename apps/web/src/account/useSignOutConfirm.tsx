import { type ReactNode, useState } from "react";
import { ConfirmDialog } from "../common/ConfirmDialog";
import { useTranslation } from "../i18n";
import { unsentEdits } from "../sync/localCopies";

/**
 * Signing out deletes this device's copies of the person's documents (see
 * sync/localCopies.ts), and with them any edit not yet on the server. With
 * such edits waiting, `ask` first says how many and lets the person stay;
 * with none, it signs out at once. Render `dialog` beside the button.
 */
export function useSignOutConfirm(): {
  ask: (leave: () => Promise<void>) => Promise<void>;
  dialog: ReactNode;
} {
  const { t } = useTranslation();
  const [pending, setPending] = useState<{ unsent: number; leave: () => Promise<void> } | null>(null);
  const ask = async (leave: () => Promise<void>) => {
    // Counted when asked: edits made in another tab count too.
    const unsent = unsentEdits();
    if (unsent === 0) return leave();
    setPending({ unsent, leave });
  };
  const dialog = pending && (
    <ConfirmDialog
      title={t("account.signOutHeading")}
      message={t("account.signOutUnsent", { count: pending.unsent })}
      confirmLabel={t("account.signOutAnyway")}
      onConfirm={pending.leave}
      onClose={() => setPending(null)}
    />
  );
  return { ask, dialog };
}
