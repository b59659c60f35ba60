import { useState } from "react";
import { errorMessage } from "../api/errorMessage";
import { useTranslation } from "../i18n";

/**
 * The state of a form on the account page: busy while its request runs, the
 * failure in the reader's language, or the sentence that says it worked
 * (what the action returns).
 */
export function useFormAction() {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const run = async (action: () => Promise<string | undefined>) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      setDone((await action()) ?? null);
    } catch (caught) {
      setError(errorMessage(caught, t));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, done, run };
}
