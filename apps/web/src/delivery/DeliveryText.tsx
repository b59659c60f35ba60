import { documentExtensions } from "@caucus/shared/editor";
import type { JSONContent } from "@tiptap/core";
import { type RefObject, useEffect, useLayoutEffect, useRef } from "react";
import { documentCollaboration } from "../editor/documentCollaboration";
import { useTiptap } from "../editor/useTiptap";
import type { CollaborationSession } from "../sync/CollaborationSession";
import {
  changeMarksKey,
  DeliveryChangeMarks,
  TEXTBLOCK_SELECTOR,
  type TMarksMeta,
} from "./changeMarksPlugin";
import { paragraphAtLine, readingLineY, scrollCorrection, type TAnchor, type TBox } from "./readingPosition";

/**
 * The text as the speaker reads it: the shared schema, read-only, live
 * through the same Y.Doc as the editor. Around each remote change it
 * keeps the paragraph at the reading line where it was on screen, and it
 * tells the page which paragraph that is.
 */
export function DeliveryText({
  session,
  label,
  barRef,
  typeKey,
  onText,
  onReaderAt,
}: {
  session: CollaborationSession;
  label: string;
  /** The sticky bar over the text: the reading line is measured below it. */
  barRef: RefObject<HTMLElement | null>;
  /** Changes when the type size or spacing changes, so the reader's place is kept through it. */
  typeKey: string;
  /** The text as the editor's JSON, after every change (for the estimate and the plain-text copy). */
  onText: (text: JSONContent) => void;
  /** The paragraph at the reading line, when it changes. */
  onReaderAt: (index: number) => void;
}) {
  const { editor, mount } = useTiptap(
    () => ({
      editable: false,
      extensions: [...documentExtensions(), documentCollaboration(session.ydoc), DeliveryChangeMarks],
      editorProps: {
        attributes: {
          "aria-label": label,
          role: "document",
          class: "delivery-text",
        },
      },
    }),
    session,
  );

  const callbacks = useRef({ onText, onReaderAt });
  callbacks.current = { onText, onReaderAt };

  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    const view = editor.view;
    const boxes = (): TBox[] =>
      [...view.dom.querySelectorAll(TEXTBLOCK_SELECTOR)].map((element) => element.getBoundingClientRect());
    const line = () => readingLineY(window.innerHeight, barRef.current?.getBoundingClientRect().bottom ?? 0);
    const anchorNow = (): TAnchor | null => {
      const measured = boxes();
      const index = paragraphAtLine(measured, line());
      return index < 0 ? null : { index, top: (measured[index] as TBox).top };
    };

    let readerAt = -1;
    const reportReader = () => {
      const index = paragraphAtLine(boxes(), line());
      if (index === readerAt || index < 0) return;
      readerAt = index;
      callbacks.current.onReaderAt(index);
      const meta: TMarksMeta = { readerAt: index };
      if (!editor.isDestroyed) view.dispatch(view.state.tr.setMeta(changeMarksKey, meta));
    };

    // The paragraph at the reading line, measured before the DOM changes and
    // put back after: CSS scroll anchoring is off in this view (see
    // styles.css), so this one rule holds in every browser, and it anchors
    // on what is being read rather than on the top edge of the screen.
    let anchor: TAnchor | null = null;
    const before = ({ transaction }: { transaction: { docChanged: boolean } }) => {
      if (transaction.docChanged) anchor = anchorNow();
    };
    const after = ({ transaction }: { transaction: { docChanged: boolean } }) => {
      if (!transaction.docChanged) return;
      if (anchor) {
        const range = changeMarksKey.getState(editor.state)?.lastRange ?? null;
        const correction = scrollCorrection(anchor, range, boxes());
        if (Math.abs(correction) >= 0.5) window.scrollBy({ top: correction, behavior: "instant" });
        anchor = null;
      }
      callbacks.current.onText(editor.getJSON());
      reportReader();
    };
    editor.on("beforeTransaction", before);
    editor.on("transaction", after);

    let frame = 0;
    const onScroll = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        reportReader();
      });
    };
    window.addEventListener("scroll", onScroll, { passive: true });
    window.addEventListener("resize", onScroll);

    // Mark changes only once this device has the server's copy: the text
    // arriving on open is not news to the speaker.
    const watch = () => {
      if (editor.isDestroyed) return;
      const meta: TMarksMeta = { watch: true };
      view.dispatch(view.state.tr.setMeta(changeMarksKey, meta));
    };
    const onSync = (synced: boolean) => {
      if (synced) watch();
    };
    if (session.provider.synced) watch();
    else session.provider.on("sync", onSync);

    callbacks.current.onText(editor.getJSON());
    reportReader();
    return () => {
      editor.off("beforeTransaction", before);
      editor.off("transaction", after);
      window.removeEventListener("scroll", onScroll);
      window.removeEventListener("resize", onScroll);
      cancelAnimationFrame(frame);
      session.provider.off("sync", onSync);
    };
  }, [editor, session, barRef]);

  // A new type size reflows everything: keep the paragraph being read at the reading line.
  const typeAnchor = useRef<{ index: number; fraction: number } | null>(null);
  const lastTypeKey = useRef(typeKey);
  if (lastTypeKey.current !== typeKey && editor && !editor.isDestroyed) {
    // Measured during render, before React applies the new size to the DOM.
    lastTypeKey.current = typeKey;
    const measured = [...editor.view.dom.querySelectorAll(TEXTBLOCK_SELECTOR)].map((e) =>
      e.getBoundingClientRect(),
    );
    const line = readingLineY(window.innerHeight, barRef.current?.getBoundingClientRect().bottom ?? 0);
    const index = paragraphAtLine(measured, line);
    const box = measured[index];
    typeAnchor.current = box
      ? { index, fraction: box.bottom > box.top ? (line - box.top) / (box.bottom - box.top) : 0 }
      : null;
  }
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs after each new type size, measured above
  useLayoutEffect(() => {
    const kept = typeAnchor.current;
    if (!kept || !editor || editor.isDestroyed) return;
    typeAnchor.current = null;
    const box = editor.view.dom.querySelectorAll(TEXTBLOCK_SELECTOR)[kept.index]?.getBoundingClientRect();
    if (!box) return;
    const line = readingLineY(window.innerHeight, barRef.current?.getBoundingClientRect().bottom ?? 0);
    window.scrollBy({ top: box.top + kept.fraction * (box.bottom - box.top) - line, behavior: "instant" });
  }, [typeKey, editor, barRef]);

  return <div ref={mount} className="delivery__content" />;
}
