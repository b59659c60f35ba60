import { can } from "@caucus/shared";
import { useMe } from "../account/meStore";
import { useTranslation } from "../i18n";
import { StatusPicker } from "../presence/StatusPicker";
import { followLink, type TRoute, workspacePath } from "../router";
import { useLastWorkspaceId } from "../workspaces/lastWorkspace";
import { AccountMenu } from "./AccountMenu";
import { LanguageSwitcher } from "./LanguageSwitcher";
import { WorkspaceSwitcher } from "./WorkspaceSwitcher";

/** The workspace the page belongs to: the one in the address, else the last one used here. */
function currentWorkspaceId(route: TRoute, lastId: string | null): string | null {
  return "workspaceId" in route ? route.workspaceId : lastId;
}

/** The bar on every page: home, the workspace and its sections, the account, the language. */
export function Header({ route }: { route: TRoute }) {
  const { t } = useTranslation();
  const me = useMe();
  const lastId = useLastWorkspaceId();
  const signedIn = me.status === "signedIn" ? me.me : null;
  const workspaceId = currentWorkspaceId(route, lastId);
  const workspace = signedIn?.workspaces.find((w) => w.id === workspaceId) ?? null;
  const onDocument = route.page === "document";
  const section =
    route.page === "members"
      ? "members"
      : route.page === "calls"
        ? "calls"
        : route.page === "templates"
          ? "templates"
          : route.page === "audit"
            ? "audit"
            : route.page === "documents"
              ? "documents"
              : null;

  return (
    <header className={onDocument ? "app-header app-header--document" : "app-header"}>
      <div className="app-header__bar">
        <a className="brand" href="/" onClick={followLink}>
          {t("app.name")}
        </a>
        {signedIn && <WorkspaceSwitcher workspaces={signedIn.workspaces} currentId={workspace?.id ?? null} />}
        <div className="app-header__tools">
          {signedIn && <StatusPicker />}
          {signedIn && <AccountMenu me={signedIn} />}
          <LanguageSwitcher />
        </div>
      </div>
      {/* A document's page gives its room to the text (its own header links back to the list). */}
      {workspace && !onDocument && (
        <nav className="app-header__nav" aria-label={t("nav.label", { workspace: workspace.name })}>
          <a
            href={workspacePath(workspace.id)}
            onClick={followLink}
            aria-current={section === "documents" ? "page" : undefined}
          >
            {t("nav.documents")}
          </a>
          <a
            href={workspacePath(workspace.id, "calls")}
            onClick={followLink}
            aria-current={section === "calls" ? "page" : undefined}
          >
            {t("nav.calls")}
          </a>
          <a
            href={workspacePath(workspace.id, "members")}
            onClick={followLink}
            aria-current={section === "members" ? "page" : undefined}
          >
            {t("nav.members")}
          </a>
          <a
            href={workspacePath(workspace.id, "templates")}
            onClick={followLink}
            aria-current={section === "templates" ? "page" : undefined}
          >
            {t("nav.templates")}
          </a>
          {can(workspace.role, "audit:read") && (
            <a
              href={workspacePath(workspace.id, "audit")}
              onClick={followLink}
              aria-current={section === "audit" ? "page" : undefined}
            >
              {t("nav.audit")}
            </a>
          )}
        </nav>
      )}
      {me.status === "signedIn" && me.offline && (
        <p className="app-header__offline" role="status">
          {t("account.offline")}
        </p>
      )}
    </header>
  );
}
