// The document schema's command types (toggleBold, setHeading, toggleBulletList…), brought into scope.

import type { Editor } from "@tiptap/core";
import type {} from "@tiptap/extension-bold";
import type {} from "@tiptap/extension-heading";
import type {} from "@tiptap/extension-italic";
import type {} from "@tiptap/extension-list";
import type {} from "@tiptap/extension-paragraph";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { requestComment } from "../comments/commentHighlights";
import { moveInToolbar, rovingTabStop } from "../common/toolbarKeys";
import { useTranslation } from "../i18n";
import { TestId } from "../testIds";
import { LinkForm } from "./LinkForm";
import { useEditorSelector } from "./useEditorSelector";

type TBlock = "paragraph" | "h1" | "h2" | "h3";

/** What the toolbar shows as active; re-rendered only when this changes. */
function selectState(editor: Editor) {
  const block: TBlock = editor.isActive("heading", { level: 1 })
    ? "h1"
    : editor.isActive("heading", { level: 2 })
      ? "h2"
      : editor.isActive("heading", { level: 3 })
        ? "h3"
        : "paragraph";
  return {
    block,
    bold: editor.isActive("bold"),
    italic: editor.isActive("italic"),
    bulletList: editor.isActive("bulletList"),
    orderedList: editor.isActive("orderedList"),
    link: editor.isActive("link"),
    stageNote: editor.isActive("stageNote"),
    canUndo: editor.can().undo(),
    canRedo: editor.can().redo(),
  };
}

function setBlock(editor: Editor, block: TBlock): void {
  const chain = editor.chain().focus();
  if (block === "paragraph") chain.setParagraph().run();
  else chain.setHeading({ level: Number(block.slice(1)) as 1 | 2 | 3 }).run();
}

/**
 * Formatting for statements and interventions: headings, lists, bold,
 * italic, links, stage notes (text not read aloud), undo. Buttons are real buttons with pressed state, so the
 * toolbar works by keyboard and screen reader; shortcuts are Tiptap's own.
 */
/**
 * `end`: what sits at the row's end, outside its scrolling (a phone's
 * speaking time, which must stay in sight).
 */
export function Toolbar({ editor, end }: { editor: Editor; end?: ReactNode }) {
  const { t } = useTranslation();
  const state = useEditorSelector(editor, selectState);
  const [linkOpen, setLinkOpen] = useState(false);
  const toolbarRef = useRef<HTMLDivElement>(null);
  // One tab stop, kept on an enabled control as Undo and Redo come and go.
  useEffect(() => {
    const toolbar = toolbarRef.current;
    if (toolbar) rovingTabStop(toolbar, toolbar.querySelector('[tabindex="0"]'));
  });
  // A control focused by a click takes the tab stop. `focusin`, since a
  // container's onFocus does not hear its children's focus under Preact.
  useEffect(() => {
    const toolbar = toolbarRef.current;
    if (!toolbar) return;
    const onFocusIn = (event: FocusEvent) => rovingTabStop(toolbar, event.target as Element);
    toolbar.addEventListener("focusin", onFocusIn);
    return () => toolbar.removeEventListener("focusin", onFocusIn);
  }, []);

  const toggle = (label: string, pressed: boolean, run: () => void, shortcut?: string, testId?: string) => (
    <button
      type="button"
      className="tool"
      data-testid={testId}
      aria-pressed={pressed}
      title={shortcut ? `${label} (${shortcut})` : label}
      aria-keyshortcuts={shortcut}
      onClick={run}
    >
      {label}
    </button>
  );

  return (
    <div className="toolbar-wrap">
      <div className="toolbar-row">
        <div
          className="toolbar"
          role="toolbar"
          aria-label={t("editor.toolbar")}
          ref={toolbarRef}
          onKeyDown={(event) => {
            if (moveInToolbar(event.currentTarget, event)) event.preventDefault();
          }}
        >
          <label className="visually-hidden" htmlFor="block-type">
            {t("editor.blockType")}
          </label>
          <select
            id="block-type"
            value={state.block}
            onChange={(e) => setBlock(editor, e.target.value as TBlock)}
          >
            <option value="paragraph">{t("editor.paragraph")}</option>
            <option value="h1">{t("editor.heading", { level: 1 })}</option>
            <option value="h2">{t("editor.heading", { level: 2 })}</option>
            <option value="h3">{t("editor.heading", { level: 3 })}</option>
          </select>
          {toggle(t("editor.bold"), state.bold, () => editor.chain().focus().toggleBold().run(), "Control+B")}
          {toggle(
            t("editor.italic"),
            state.italic,
            () => editor.chain().focus().toggleItalic().run(),
            "Control+I",
          )}
          {toggle(t("editor.bulletList"), state.bulletList, () =>
            editor.chain().focus().toggleBulletList().run(),
          )}
          {toggle(t("editor.orderedList"), state.orderedList, () =>
            editor.chain().focus().toggleOrderedList().run(),
          )}
          {toggle(t("editor.link"), state.link || linkOpen, () => setLinkOpen((open) => !open))}
          {toggle(
            t("editor.stageNote"),
            state.stageNote,
            () => editor.chain().focus().toggleStageNote().run(),
            "Control+Shift+9",
            TestId.stageNoteToggle,
          )}
          <button
            type="button"
            className="tool"
            aria-keyshortcuts="Control+Alt+M"
            title={t("comments.startHint")}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => requestComment(editor.view.dispatch, editor.state)}
          >
            {t("comments.start")}
          </button>
          <button
            type="button"
            className="tool"
            disabled={!state.canUndo}
            aria-keyshortcuts="Control+Z"
            onClick={() => editor.chain().focus().undo().run()}
          >
            {t("editor.undo")}
          </button>
          <button
            type="button"
            className="tool"
            disabled={!state.canRedo}
            aria-keyshortcuts="Control+Shift+Z"
            onClick={() => editor.chain().focus().redo().run()}
          >
            {t("editor.redo")}
          </button>
        </div>
        {end}
      </div>
      {linkOpen && <LinkForm editor={editor} onClose={() => setLinkOpen(false)} />}
    </div>
  );
}
