import type { TMe } from "@caucus/shared";
import { type KeyboardEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { signOutAndLeave } from "../account/signInOut";
import { ColourSwatch } from "../common/ColourSwatch";
import { useIdentity } from "../identity";
import { followLink } from "../router";
import { TestId } from "../testIds";

/**
 * The person's name (as co-drafters see it on their caret) opening a small
 * menu: account settings and sign out. A `<details>`, so it opens by
 * keyboard and works before any script state; Escape and clicks outside close it.
 */
export function AccountMenu({ me }: { me: TMe }) {
  const { t } = useTranslation();
  const identity = useIdentity();
  const menu = useRef<HTMLDetailsElement>(null);
  const [signingOut, setSigningOut] = useState(false);

  useEffect(() => {
    const onPointerDown = (event: PointerEvent) => {
      const details = menu.current;
      if (details?.open && !details.contains(event.target as Node)) details.open = false;
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDetailsElement>) => {
    if (event.key === "Escape" && menu.current?.open) {
      menu.current.open = false;
      menu.current.querySelector("summary")?.focus();
    }
  };
  const close = () => {
    if (menu.current) menu.current.open = false;
  };
  const onSignOut = async () => {
    setSigningOut(true);
    await signOutAndLeave();
  };

  return (
    <details className="account-menu" ref={menu} onKeyDown={onKeyDown}>
      <summary data-testid={TestId.accountMenu} aria-label={t("account.menu", { name: identity.name })}>
        <ColourSwatch color={identity.color} />
        <span className="account-menu__name" data-testid={TestId.displayName}>
          {identity.name}
        </span>
      </summary>
      <div className="account-menu__panel">
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
      </div>
    </details>
  );
}
