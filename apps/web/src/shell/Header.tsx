import { useTranslation } from "react-i18next";
import { followLink } from "../router";
import { DisplayNameField } from "./DisplayNameField";
import { FirstVisitNotice } from "./FirstVisitNotice";
import { LanguageSwitcher } from "./LanguageSwitcher";

/** The bar on every page: home, the person's name, the language. */
export function Header() {
  const { t } = useTranslation();
  return (
    <header className="app-header">
      <div className="app-header__bar">
        <a className="brand" href="/" onClick={followLink}>
          {t("app.name")}
        </a>
        <div className="app-header__tools">
          <DisplayNameField />
          <LanguageSwitcher />
        </div>
      </div>
      <FirstVisitNotice />
    </header>
  );
}
