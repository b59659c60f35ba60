import { Component, type ReactNode } from "react";
import { useTranslation } from "../i18n";

interface Props {
  children: ReactNode;
  /** A part of a page (a panel, a dialog) rather than a page: the message takes its place, not the page's. */
  inline?: boolean;
}

interface State {
  failed: boolean;
}

/**
 * Shows a message with a Reload button when a lazily loaded page cannot be
 * shown: its code did not download (offline with no cached copy, or a deploy
 * replaced the file). Without it React unmounts everything: a blank page.
 */
export class LoadErrorBoundary extends Component<Props, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return this.props.inline ? <PartFailed /> : <LoadFailed />;
  }
}

function PartFailed() {
  const { t } = useTranslation();
  return (
    <p className="banner error" role="alert">
      {t("loadFailed.message")}{" "}
      <button type="button" className="button" onClick={() => window.location.reload()}>
        {t("actions.reload")}
      </button>
    </p>
  );
}

function LoadFailed() {
  const { t } = useTranslation();
  return (
    <main className="page" id="main">
      <h1 className="page-title">{t("loadFailed.heading")}</h1>
      <p className="banner error" role="alert">
        {t("loadFailed.message")}
      </p>
      {/* React.lazy remembers a failed import, so only a fresh page load can try again. */}
      <button type="button" className="button primary" onClick={() => window.location.reload()}>
        {t("actions.reload")}
      </button>
    </main>
  );
}
