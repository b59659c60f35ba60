import { useTranslation } from "../i18n";
import { followLink } from "../router";

/** A workspace address the person cannot open: not a member (any more), or no such workspace. */
export function NotAMember() {
  const { t } = useTranslation();
  return (
    <main className="page" id="main">
      <h1 className="page-title">{t("workspaces.notMemberHeading")}</h1>
      <p className="banner error" role="alert">
        {t("workspaces.notMember")}
      </p>
      <p>
        <a href="/" onClick={followLink}>
          {t("workspaces.goHome")}
        </a>
      </p>
    </main>
  );
}
