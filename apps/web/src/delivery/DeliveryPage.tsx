import { formatDuration } from "@caucus/shared";
import { estimateDelivery, readAloudParagraphs } from "@caucus/shared/editor";
import type { JSONContent } from "@tiptap/core";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { ApiError } from "../api/client";
import { errorMessage } from "../api/errorMessage";
import { useDocumentMeta } from "../editor/useDocumentMeta";
import { useTranslation } from "../i18n";
import { documentPath, followLink, navigate } from "../router";
import { useDeliverySettings } from "../speaking/useDeliverySettings";
import type { CollaborationSession } from "../sync/CollaborationSession";
import { SaveStatusLine } from "../sync/SaveStatusLine";
import { useCollaboration } from "../sync/useCollaboration";
import { TestId } from "../testIds";
import { DeliveryText } from "./DeliveryText";
import { deliveryKeyAction, pageStep } from "./deliveryKeys";
import { RehearsalTimer } from "./RehearsalTimer";
import { STOPPED_TIMER, type TRehearsalTimer, toggleTimer } from "./rehearsalTimer";
import { limitText, speakerCopyFileName, speakerCopyText, type TSpeakerCopyLabels } from "./speakerCopy";
import {
  loadTypeSettings,
  saveTypeSettings,
  stepFontSize,
  stepLineHeight,
  type TTypeSettings,
} from "./typeSettings";
import { useWakeLock } from "./useWakeLock";
import "./delivery.css";

/**
 * `/d/:id/deliver`: the speaker's view. Large type, live text, a rehearsal
 * timer, the screen kept on; print or download the speaker's copy. Anyone
 * who may read the document may open it.
 */
export function DeliveryPage({ documentId }: { documentId: string }) {
  const { t } = useTranslation();
  // Offline (venue Wi-Fi), the cached title and the local copy will do.
  const { meta, known, reload } = useDocumentMeta(documentId);
  const failure = meta.status === "error" ? meta.error : null;

  // The app's header would take room from the text; this view is the whole screen.
  useEffect(() => {
    document.documentElement.classList.add("delivering");
    return () => document.documentElement.classList.remove("delivering");
  }, []);

  const { session, snapshot } = useCollaboration(documentId, reload);
  const shownTitle = known?.title ?? t("document.untitled");

  if (failure) {
    return (
      <main className="page" id="main">
        <h1 className="page-title">{t("document.unavailable")}</h1>
        <p className="banner error" role="alert">
          {failure instanceof ApiError && failure.status === 403
            ? t("status.error.forbidden")
            : errorMessage(failure, t)}
        </p>
      </main>
    );
  }
  if (!session || !snapshot.ready) {
    return (
      <main className="page" id="main">
        <p className="hint" aria-busy="true">
          {t("editor.loading")}
        </p>
      </main>
    );
  }
  return (
    <DeliveryView
      documentId={documentId}
      session={session}
      title={shownTitle}
      status={<SaveStatusLine status={snapshot.status} />}
    />
  );
}

function DeliveryView({
  documentId,
  session,
  title,
  status,
}: {
  documentId: string;
  session: CollaborationSession;
  title: string;
  status: React.ReactNode;
}) {
  const { t } = useTranslation();
  const { settings } = useDeliverySettings(session.ydoc);
  const wakeLock = useWakeLock();
  const barRef = useRef<HTMLDivElement>(null);
  const [type, setType] = useState<TTypeSettings>(loadTypeSettings);
  const [timer, setTimer] = useState<TRehearsalTimer>(STOPPED_TIMER);
  const [text, setText] = useState<JSONContent>({ type: "doc" });
  const [readerAt, setReaderAt] = useState(0);
  const [fullScreen, setFullScreen] = useState(() => document.fullscreenElement !== null);
  useEffect(() => {
    const changed = () => setFullScreen(document.fullscreenElement !== null);
    document.addEventListener("fullscreenchange", changed);
    return () => document.removeEventListener("fullscreenchange", changed);
  }, []);
  // Decided once, when the view opens; the reader can open or close it after.
  const [wideScreen] = useState(() => window.matchMedia("(min-width: 40em)").matches);

  const estimate = useMemo(() => estimateDelivery(text, settings), [text, settings]);
  // Per paragraph of the whole text, cover page included, so index i is the i-th paragraph on screen.
  const paragraphSeconds = useMemo(
    () =>
      estimateDelivery(text, settings, { coverPage: true }).paragraphs.map((paragraph) => paragraph.seconds),
    [text, settings],
  );

  const changeType = useCallback((next: (current: TTypeSettings) => TTypeSettings) => {
    setType((current) => {
      const changed = next(current);
      saveTypeSettings(changed);
      return changed;
    });
  }, []);
  const toggle = useCallback(() => setTimer((current) => toggleTimer(current, performance.now())), []);
  const leave = useCallback(() => navigate(documentPath(documentId)), [documentId]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const target = event.target as HTMLElement | null;
      // Space and Enter on a button press it; typing in a field is typing.
      if (target?.closest("input, select, textarea, [contenteditable='true']")) return;
      if (event.key === " " && target?.closest("button, a, summary")) return;
      const action = deliveryKeyAction(event);
      if (!action) return;
      event.preventDefault();
      switch (action.kind) {
        case "scroll": {
          const bar = barRef.current?.getBoundingClientRect().bottom ?? 0;
          const line = type.fontSize * type.lineHeight;
          const step = action.by === "page" ? pageStep(window.innerHeight - bar, line) : line;
          const smooth = !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
          window.scrollBy({ top: action.direction * step, behavior: smooth ? "smooth" : "instant" });
          break;
        }
        case "toggleTimer":
          toggle();
          break;
        case "fontSize":
          changeType((current) => stepFontSize(current, action.direction));
          break;
        case "leave":
          leave();
          break;
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [type, toggle, changeType, leave]);

  const labels: TSpeakerCopyLabels = {
    forum: t("delivery.forum"),
    agendaItem: t("delivery.agendaItem"),
    limit: (limit) => t("delivery.limit", { limit }),
    estimate: (time, pace) => t("delivery.estimate", { estimate: time, pace }),
    words: (words) => t("delivery.words", { words }),
  };
  const download = () => {
    const copy = speakerCopyText(
      {
        title,
        settings,
        seconds: estimate.seconds,
        words: estimate.words,
        paragraphs: readAloudParagraphs(text),
      },
      labels,
    );
    const url = URL.createObjectURL(new Blob([copy], { type: "text/plain;charset=utf-8" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = speakerCopyFileName(title);
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  const typeKey = `${type.fontSize}/${type.lineHeight}`;
  const style = {
    "--delivery-font-size": `${type.fontSize}px`,
    "--delivery-line-height": String(type.lineHeight),
  } as React.CSSProperties;

  return (
    <main className="delivery" id="main" style={style} data-testid={TestId.deliveryView}>
      <div className="delivery__bar" ref={barRef}>
        <a
          className="button secondary"
          href={documentPath(documentId)}
          onClick={followLink}
          aria-keyshortcuts="Escape"
        >
          {t("delivery.leave")}
        </a>
        <RehearsalTimer
          timer={timer}
          onToggle={toggle}
          onReset={() => setTimer(STOPPED_TIMER)}
          limit={settings.limit}
          estimateSeconds={estimate.seconds}
          paragraphSeconds={paragraphSeconds}
          readerAt={readerAt}
        />
      </div>
      <header className="delivery__head">
        <h1 className="delivery__title" dir="auto" data-testid={TestId.documentTitle}>
          {title}
        </h1>
        <dl className="delivery__facts">
          {settings.forum && (
            <div>
              <dt>{t("delivery.forum")}</dt>
              <dd dir="auto">{settings.forum}</dd>
            </div>
          )}
          {settings.agendaItem && (
            <div>
              <dt>{t("delivery.agendaItem")}</dt>
              <dd dir="auto">{settings.agendaItem}</dd>
            </div>
          )}
          <div>
            <dt>{t("delivery.limitLabel")}</dt>
            <dd data-testid={TestId.deliveryLimit}>{limitText(settings, labels)}</dd>
          </div>
          <div>
            <dt>{t("delivery.estimateLabel")}</dt>
            <dd className={estimate.over ? "delivery__over" : undefined}>
              {t("delivery.estimateValue", {
                estimate: formatDuration(estimate.seconds),
                pace: settings.wordsPerMinute,
              })}
            </dd>
          </div>
        </dl>
        {/* Closed on a phone, so the text starts on the first screen. */}
        <details className="delivery__options" open={wideScreen}>
          <summary>{t("delivery.options")}</summary>
          <div className="delivery__tools">
            <fieldset className="delivery__group">
              <legend className="visually-hidden">{t("delivery.type.size")}</legend>
              <button
                type="button"
                className="button secondary"
                aria-keyshortcuts="-"
                onClick={() => changeType((c) => stepFontSize(c, -1))}
              >
                {t("delivery.type.smaller")}
              </button>
              <button
                type="button"
                className="button secondary"
                aria-keyshortcuts="+"
                onClick={() => changeType((c) => stepFontSize(c, 1))}
              >
                {t("delivery.type.larger")}
              </button>
            </fieldset>
            <fieldset className="delivery__group">
              <legend className="visually-hidden">{t("delivery.type.spacing")}</legend>
              <button
                type="button"
                className="button secondary"
                onClick={() => changeType((c) => stepLineHeight(c, -1))}
              >
                {t("delivery.type.tighter")}
              </button>
              <button
                type="button"
                className="button secondary"
                onClick={() => changeType((c) => stepLineHeight(c, 1))}
              >
                {t("delivery.type.looser")}
              </button>
            </fieldset>
            <div className="button-row">
              {document.fullscreenEnabled && (
                <button
                  type="button"
                  className="button secondary"
                  aria-pressed={fullScreen}
                  onClick={() =>
                    void (
                      fullScreen ? document.exitFullscreen() : document.documentElement.requestFullscreen()
                    ).catch(() => {})
                  }
                >
                  {t("delivery.fullScreen")}
                </button>
              )}
              <button type="button" className="button secondary" onClick={() => window.print()}>
                {t("delivery.print")}
              </button>
              <button
                type="button"
                className="button secondary"
                onClick={download}
                data-testid={TestId.deliveryDownload}
              >
                {t("delivery.download")}
              </button>
            </div>
          </div>
          <p className="delivery__note">{t("delivery.keys")}</p>
        </details>
        <p className="delivery__note" data-testid={TestId.wakeLock} data-state={wakeLock}>
          {wakeLock === "active"
            ? t("delivery.wakeLock.active")
            : wakeLock === "pending"
              ? null
              : t(wakeLock === "unsupported" ? "delivery.wakeLock.unsupported" : "delivery.wakeLock.refused")}
        </p>
        {status}
      </header>
      <DeliveryText
        session={session}
        label={t("delivery.label", { title })}
        barRef={barRef}
        typeKey={typeKey}
        onText={setText}
        onReaderAt={setReaderAt}
      />
    </main>
  );
}
