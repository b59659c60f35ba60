import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { DocumentsPage } from "./documents/DocumentsPage";
import { followLink, parseRoute, usePathname } from "./router";
import { Header } from "./shell/Header";
import { LoadErrorBoundary } from "./shell/LoadErrorBoundary";

// The editor (ProseMirror, Yjs) is most of the code; the list does not need it.
const DocumentPage = lazy(() => import("./editor/DocumentPage").then((m) => ({ default: m.DocumentPage })));

/** The whole app: a header and the page the path names. */
export function App() {
  const { t } = useTranslation();
  const route = parseRoute(usePathname());
  return (
    <>
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <Header />
      {route.page === "documents" && <DocumentsPage view={route.view} />}
      {/* Keyed so that moving between documents starts a fresh session. */}
      {route.page === "document" && (
        <LoadErrorBoundary key={route.documentId}>
          <Suspense fallback={<p className="page hint">{t("editor.loading")}</p>}>
            <DocumentPage documentId={route.documentId} />
          </Suspense>
        </LoadErrorBoundary>
      )}
      {route.page === "notFound" && (
        <main className="page" id="main">
          <h1 className="page-title">{t("notFound.heading")}</h1>
          <p>
            <a href="/" onClick={followLink}>
              {t("document.backToList")}
            </a>
          </p>
        </main>
      )}
    </>
  );
}
