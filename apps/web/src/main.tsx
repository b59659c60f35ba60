// No web font: the system's own fonts cover every script of the six
// languages and cost a phone on a metered link nothing (Inter cost ~58 KB
// on a first load and covered neither Arabic nor Chinese).
import "./styles.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { refreshMe } from "./account/meStore";
import { prefetchDocument } from "./editor/documentPrefetch";
import { startI18n } from "./i18n";
import { registerOfflineShell } from "./offlineShell";
import { presenceReporter } from "./presence/reporter";
import { parseRoute } from "./router";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");
// On a slow link every round trip counts: who is signed in, and on a
// document's address the editor's code, are asked for now, beside the
// language's sentences, rather than one after the other once the app renders.
const route = parseRoute(window.location.pathname, window.location.search);
// The page renders once its language's sentences are here (one small chunk), asked for first.
const sentences = startI18n();
// A task later, so the sentences' request (issued a microtask later) goes out
// first: an HTTP/1.1 browser has six connections to a host, and the editor's
// code would take them all.
setTimeout(() => {
  void refreshMe();
  if (route.page === "document") {
    prefetchDocument(route.documentId);
    void import("./sync/earlySession")
      .then(({ openEarlySession }) => openEarlySession(route.documentId, presenceReporter.connectionId))
      .catch(() => undefined);
    void import("./editor/DocumentPage").catch(() => undefined);
  }
}, 0);
void sentences.finally(() =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
registerOfflineShell(route.page === "document");
