import type { TMe } from "@caucus/shared";
import { useState } from "react";
import { signOutAndLeave } from "../account/signInOut";
import { useSignOutConfirm } from "../account/useSignOutConfirm";
import { ColourSwatch } from "../common/ColourSwatch";
import { DisclosureMenu } from "../common/DisclosureMenu";
import { useTranslation } from "../i18n";
import { useIdentity } from "../identity";
import { followLink } from "../router";
import { TestId } from "../testIds";

/**
 * The person's name (as co-drafters see it on their caret) opening a small
 * menu: account settings and sign out.
 */
export function AccountMenu({ me }: { me: TMe }) {
  const { t } = useTranslation();
  const identity = useIdentity();
  const [signingOut, setSigningOut] = useState(false);
  const { ask, dialog } = useSignOutConfirm();
  const onSignOut = () =>
    ask(async () => {
      setSigningOut(true);
      await signOutAndLeave();
    });

  return (
    <>
      <DisclosureMenu
        className="account-menu"
        testId={TestId.accountMenu}
        label={t("account.menu", { name: identity.name })}
        summary={
          <>
            <ColourSwatch color={identity.color} />
            <span className="account-menu__name" data-testid={TestId.displayName}>
              {identity.name}
            </span>
          </>
        }
      >
        {(close) => (
          <>
            <p className="account-menu__email">{me.user.email}</p>
            <a
              href="/account"
              onClick={(event) => {
                close();
                followLink(event);
              }}
            >
              {t("account.settings")}
            </a>
            <button
              type="button"
              className="button secondary"
              data-testid={TestId.signOut}
              disabled={signingOut}
              onClick={() => void onSignOut()}
            >
              {t("account.signOut")}
            </button>
          </>
        )}
      </DisclosureMenu>
      {dialog}
    </>
  );
}
