// Inter is bundled and served by Caucus itself: no third-party font origin.
// Each file declares all subsets with unicode-range, so a browser fetches only what a page uses.
import "@fontsource/inter/400.css";
import "@fontsource/inter/400-italic.css";
import "@fontsource/inter/600.css";
import "@fontsource/inter/700.css";
import "./styles.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { startI18n } from "./i18n";
import { registerOfflineShell } from "./offlineShell";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");
// The page renders once its language's sentences are here (one small chunk).
void startI18n().finally(() =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
registerOfflineShell();
