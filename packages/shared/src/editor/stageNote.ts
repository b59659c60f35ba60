import { Mark, mergeAttributes } from "@tiptap/core";

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
});
