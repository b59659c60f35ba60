import { lazy, type ReactNode, Suspense, useEffect } from "react";
import { useMe } from "./account/meStore";
import { SignInPage } from "./account/SignInPage";
import { SignUpPage } from "./account/SignUpPage";
import { errorMessage } from "./api/errorMessage";
import { useTranslation } from "./i18n";
import {
  followLink,
  navigate,
  PUBLIC_PAGES,
  parseRoute,
  signInPath,
  type TRoute,
  useAddress,
} from "./router";
import { Header } from "./shell/Header";
import { LoadErrorBoundary } from "./shell/LoadErrorBoundary";
import { HomeRedirect } from "./workspaces/HomeRedirect";

// The editor (ProseMirror, Yjs) is most of the code; the list does not need it.
const DocumentPage = lazy(() => import("./editor/DocumentPage").then((m) => ({ default: m.DocumentPage })));
// The speaker's view loads the editor too, and only when asked for.
const DeliveryPage = lazy(() => import("./delivery/DeliveryPage").then((m) => ({ default: m.DeliveryPage })));
// The templates page has its own (plain) editors.
const TemplatesPage = lazy(() =>
  import("./templates/TemplatesPage").then((m) => ({ default: m.TemplatesPage })),
);
// The workspace's own pages: a phone that opens a document's link on a slow
// link downloads none of them first.
const DocumentsPage = lazy(() =>
  import("./documents/DocumentsPage").then((m) => ({ default: m.DocumentsPage })),
);
const CallsPage = lazy(() => import("./calls/CallsPage").then((m) => ({ default: m.CallsPage })));
const MembersPage = lazy(() => import("./workspaces/MembersPage").then((m) => ({ default: m.MembersPage })));
const AuditPage = lazy(() => import("./workspaces/AuditPage").then((m) => ({ default: m.AuditPage })));
const InvitePage = lazy(() => import("./invitations/InvitePage").then((m) => ({ default: m.InvitePage })));
// Account settings (with the QR code encoder) are seldom opened.
const AccountPage = lazy(() => import("./account/AccountPage").then((m) => ({ default: m.AccountPage })));
// A way back into a forgotten account: seldom needed.
const ForgotPasswordPage = lazy(() =>
  import("./account/ForgotPasswordPage").then((m) => ({ default: m.ForgotPasswordPage })),
);
const ResetPasswordPage = lazy(() =>
  import("./account/ResetPasswordPage").then((m) => ({ default: m.ResetPasswordPage })),
);

/** The whole app: a header and the page the address names, once we know who is asking. */
export function App() {
  const { t } = useTranslation();
  const { pathname, search } = useAddress();
  const route = parseRoute(pathname, search);
  const me = useMe();
  const needsAccount = !PUBLIC_PAGES.has(route.page);

  // Signed out on a page that needs an account: sign in, then come back here.
  useEffect(() => {
    if (needsAccount && me.status === "signedOut") navigate(signInPath(pathname + search), { replace: true });
  }, [needsAccount, me.status, pathname, search]);
  // Already signed in: the sign-in and sign-up pages have nothing to offer.
  const onAccountPage = route.page === "signIn" || route.page === "signUp";
  const next = onAccountPage ? route.next : null;
  const confirmedSignedIn = me.status === "signedIn" && !me.offline;
  useEffect(() => {
    if (onAccountPage && confirmedSignedIn) navigate(next ?? "/", { replace: true });
  }, [onAccountPage, confirmedSignedIn, next]);

  let page: ReactNode;
  if (needsAccount && me.status === "loading") {
    page = <Main>{<p className="hint">{t("account.loading")}</p>}</Main>;
  } else if (needsAccount && me.status === "error") {
    page = (
      <Main>
        <p className="banner error" role="alert">
          {errorMessage(me.error, t)}
        </p>
        <button type="button" className="button primary" onClick={() => window.location.reload()}>
          {t("actions.reload")}
        </button>
      </Main>
    );
  } else if (needsAccount && me.status !== "signedIn") {
    page = null;
  } else {
    page = <Page route={route} />;
  }

  return (
    <>
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      {/* The delivery view is the whole screen: the text, not the app, is what the speaker needs. */}
      {route.page !== "deliver" && <Header route={route} />}
      {page}
    </>
  );
}

function Main({ children }: { children: ReactNode }) {
  return (
    <main className="page" id="main">
      {children}
    </main>
  );
}

/** A page whose code loads when first shown: a hint meanwhile, and a way out if it cannot load. */
function Lazy({ loading, children }: { loading: string; children: ReactNode }) {
  return (
    <LoadErrorBoundary>
      <Suspense fallback={<p className="page hint">{loading}</p>}>{children}</Suspense>
    </LoadErrorBoundary>
  );
}

function Page({ route }: { route: TRoute }) {
  const { t } = useTranslation();
  switch (route.page) {
    case "home":
      return <HomeRedirect view={route.view} />;
    case "signIn":
      return <SignInPage next={route.next} />;
    case "signUp":
      return <SignUpPage next={route.next} />;
    case "forgotPassword":
      return (
        <Lazy key="forgotPassword" loading={t("reset.checking")}>
          <ForgotPasswordPage />
        </Lazy>
      );
    case "resetPassword":
      return (
        <Lazy key="resetPassword" loading={t("reset.checking")}>
          <ResetPasswordPage />
        </Lazy>
      );
    case "invite":
      return (
        <Lazy key="invite" loading={t("invite.loading")}>
          <InvitePage />
        </Lazy>
      );
    case "account":
      return (
        <Lazy key="account" loading={t("account.loading")}>
          <AccountPage />
        </Lazy>
      );
    case "documents":
      // Keyed so that switching workspace starts from a fresh list.
      return (
        <Lazy key={`documents:${route.workspaceId}`} loading={t("documents.loading")}>
          <DocumentsPage workspaceId={route.workspaceId} view={route.view} />
        </Lazy>
      );
    case "members":
      return (
        <Lazy key={`members:${route.workspaceId}`} loading={t("members.loading")}>
          <MembersPage workspaceId={route.workspaceId} />
        </Lazy>
      );
    case "audit":
      return (
        <Lazy key={`audit:${route.workspaceId}`} loading={t("audit.loading")}>
          <AuditPage workspaceId={route.workspaceId} />
        </Lazy>
      );
    case "calls":
      return (
        <Lazy key={`calls:${route.workspaceId}`} loading={t("calls.loading")}>
          <CallsPage workspaceId={route.workspaceId} />
        </Lazy>
      );
    case "templates":
      return (
        <Lazy key={`templates:${route.workspaceId}`} loading={t("templates.loading")}>
          <TemplatesPage workspaceId={route.workspaceId} />
        </Lazy>
      );
    case "document":
      // Keyed so that moving between documents starts a fresh session.
      return (
        <Lazy key={`document:${route.documentId}`} loading={t("editor.loading")}>
          <DocumentPage documentId={route.documentId} />
        </Lazy>
      );
    case "deliver":
      return (
        <Lazy key={`deliver:${route.documentId}`} loading={t("editor.loading")}>
          <DeliveryPage documentId={route.documentId} />
        </Lazy>
      );
    case "notFound":
      return (
        <Main>
          <h1 className="page-title">{t("notFound.heading")}</h1>
          <p>
            <a href="/" onClick={followLink}>
              {t("document.backToList")}
            </a>
          </p>
        </Main>
      );
  }
}
