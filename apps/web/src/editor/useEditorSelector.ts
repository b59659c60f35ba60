import type { Editor } from "@tiptap/core";
import type { Transaction } from "@tiptap/pm/state";
import { useCallback, useRef, useSyncExternalStore } from "react";

/**
 * Calls `changed` once after each transaction of `editor` (a change of text
 * is announced twice, as a transaction and as an update) and when it is
 * made editable or read-only. Returns the way to stop.
 */
export function onEditorChange(editor: Editor, changed: () => void): () => void {
  let last: Transaction | undefined;
  const heard = ({ transaction }: { transaction: Transaction }) => {
    if (transaction === last) return;
    last = transaction;
    changed();
  };
  editor.on("transaction", heard);
  editor.on("update", heard);
  return () => {
    editor.off("transaction", heard);
    editor.off("update", heard);
  };
}

/** Whether two values of plain objects, arrays and primitives are alike all the way down. */
export function alike(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  return (
    keys.length === Object.keys(right).length &&
    keys.every((key) => Object.hasOwn(right, key) && alike(left[key], right[key]))
  );
}

/**
 * What `select` reads from `editor`, read again after each of its
 * transactions; the component renders again only when that is no longer
 * `alike` what it was (selectors return fresh objects and arrays each time).
 * Instead of @tiptap/react's useEditorState, see useTiptap.
 */
export function useEditorSelector<T>(editor: Editor, select: (editor: Editor) => T): T {
  const selected = useRef<{ editor: Editor; value: T } | null>(null);
  const subscribe = useCallback((changed: () => void) => onEditorChange(editor, changed), [editor]);
  return useSyncExternalStore(subscribe, () => {
    const value = select(editor);
    const last = selected.current;
    if (last?.editor === editor && alike(last.value, value)) return last.value;
    selected.current = { editor, value };
    return value;
  });
}
