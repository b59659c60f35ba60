import { Mark, mergeAttributes } from "@tiptap/core";
import type { MarkType, Slice } from "@tiptap/pm/model";
import { type EditorState, Plugin, type Transaction } from "@tiptap/pm/state";
import { ReplaceStep } from "@tiptap/pm/transform";
import { ySyncPluginKey } from "@tiptap/y-tiptap";

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    stageNote: {
      /** Marks the selection as a stage note (not read aloud), or unmarks it. */
      toggleStageNote: () => ReturnType;
    };
  }
}

/**
 * Text the speaker does not read aloud: "[pause]", "(if time allows)", a
 * reminder to thank the previous speaker. Shown in the editor and the
 * delivery view, left out of the speaking-time estimate and of the
 * speaker's copy. Ctrl/Cmd+Shift+9 toggles it.
 */
export const StageNote = Mark.create({
  name: "stageNote",

  parseHTML() {
    return [{ tag: "span[data-stage-note]" }];
  },

  renderHTML({ HTMLAttributes }) {
    return ["span", mergeAttributes(HTMLAttributes, { "data-stage-note": "", class: "stage-note" }), 0];
  },

  addCommands() {
    return {
      toggleStageNote:
        () =>
        ({ commands }) =>
          commands.toggleMark(this.name),
    };
  },

  addKeyboardShortcuts() {
    return { "Mod-Shift-9": () => this.editor.commands.toggleStageNote() };
  },

  addProseMirrorPlugins() {
    const type = this.type;
    return [
      new Plugin({
        appendTransaction: (transactions, oldState, newState) =>
          unmarkTypedOverNote(transactions, oldState, newState, type),
      }),
    ];
  },
});

/**
 * Whether `from`–`to` of `doc` is text that is all stage note, one or more
 * whole notes: no note goes on just before or after it.
 */
function isWholeNote(doc: EditorState["doc"], type: MarkType, from: number, to: number): boolean {
  if (from >= to) return false;
  let onlyNote = true;
  let anyText = false;
  doc.nodesBetween(from, to, (node) => {
    if (!node.isText) return true;
    anyText = true;
    if (!type.isInSet(node.marks)) onlyNote = false;
    return false;
  });
  if (!anyText || !onlyNote) return false;
  const before = doc.resolve(from).nodeBefore;
  const after = doc.resolve(to).nodeAfter;
  return !(before?.isText && type.isInSet(before.marks)) && !(after?.isText && type.isInSet(after.marks));
}

/**
 * Typing over a whole stage note (the intervention template's "Who we
 * speak for; …", selected and typed over) writes spoken text: ProseMirror
 * gives new text the marks of what it replaces, so the speech would become
 * a note the meter does not count. Given the transactions of one update,
 * the one to append (the note's mark taken off what was typed, and off the
 * next keys), or null. Typing inside a note, or over part of one, still
 * writes a note; an edit from another client is left as it came.
 */
export function unmarkTypedOverNote(
  transactions: readonly Transaction[],
  oldState: EditorState,
  newState: EditorState,
  type: MarkType,
): Transaction | null {
  const [tr] = transactions;
  if (transactions.length !== 1 || !tr?.docChanged || tr.steps.length !== 1) return null;
  if (tr.getMeta(ySyncPluginKey)?.isChangeOrigin) return null;
  const step = tr.steps[0];
  if (!(step instanceof ReplaceStep)) return null;
  const { from, to, slice } = step as unknown as { from: number; to: number; slice: Slice };
  const inserted = slice.content.firstChild;
  if (slice.content.childCount !== 1 || !inserted?.isText || slice.openStart !== 0 || slice.openEnd !== 0)
    return null;
  if (!type.isInSet(inserted.marks) || !isWholeNote(oldState.doc, type, from, to)) return null;
  const end = from + inserted.nodeSize;
  const marks = inserted.marks.filter((mark) => mark.type !== type);
  return newState.tr.removeMark(from, end, type).setStoredMarks(marks);
}
