import { useTranslation } from "react-i18next";
import { setDisplayName, useIdentity } from "../identity";

/** Asks once how co-drafters should see this person; the header field changes it later. */
export function FirstVisitNotice() {
  const { t } = useTranslation();
  const identity = useIdentity();
  if (identity.chosen) return null;
  return (
    <section className="notice" aria-labelledby="first-visit-title">
      <p id="first-visit-title">{t("identity.firstVisit", { name: identity.name })}</p>
      <button type="button" className="button secondary" onClick={() => setDisplayName(identity.name)}>
        {t("identity.keep")}
      </button>
    </section>
  );
}
