import type { Editor } from "@tiptap/core";

/** Ctrl+Alt+M (Cmd+Alt+M on a Mac): comment on the selection. By key position, as Alt changes the letter on a Mac. */
export function isCommentShortcut(event: KeyboardEvent): boolean {
  return (event.ctrlKey || event.metaKey) && event.altKey && !event.shiftKey && event.code === "KeyM";
}

/**
 * The selected text's range in the editor, or null with nothing selected.
 * A read-only editor (a commenter's) may not track the page's selection,
 * so the browser's own selection inside the editor is read when it has none.
 */
export function selectedRange(editor: Editor): { from: number; to: number } | null {
  const { from, to, empty } = editor.state.selection;
  if (!empty) return { from, to };
  const selection = window.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
  const range = selection.getRangeAt(0);
  const dom = editor.view.dom;
  if (!dom.contains(range.startContainer) || !dom.contains(range.endContainer)) return null;
  const start = editor.view.posAtDOM(range.startContainer, range.startOffset);
  const end = editor.view.posAtDOM(range.endContainer, range.endOffset);
  return end > start ? { from: start, to: end } : null;
}
