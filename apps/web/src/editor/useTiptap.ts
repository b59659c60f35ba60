import { Editor, type EditorOptions } from "@tiptap/core";
import { type RefObject, useLayoutEffect, useRef, useState } from "react";

/**
 * A Tiptap editor drawn into the element `mount` is attached to: made when
 * the component mounts, made again when `renewOn` changes (a new session
 * needs a new editor), destroyed when it unmounts. `options` is read when
 * the editor is made; what changes later reaches the editor through its own
 * methods (setEditable, commands).
 *
 * Instead of @tiptap/react's useEditor and EditorContent, which with the
 * deep comparison and the shim they bring were 5.5 KB of Brotli in the
 * document route's editor chunk, for React node views we do not have.
 */
export function useTiptap(
  options: () => Partial<EditorOptions>,
  renewOn?: unknown,
): { editor: Editor | null; mount: RefObject<HTMLDivElement | null> } {
  const mount = useRef<HTMLDivElement>(null);
  const [editor, setEditor] = useState<Editor | null>(null);
  // A layout effect: the editor is in the page before it is first painted.
  // biome-ignore lint/correctness/useExhaustiveDependencies: made with the options of its render; `renewOn` says when another is due.
  useLayoutEffect(() => {
    const made = new Editor({ ...options(), element: mount.current });
    setEditor(made);
    return () => made.destroy();
  }, [renewOn]);
  return { editor, mount };
}
