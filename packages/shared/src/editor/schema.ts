import type { AnyExtension } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";
import { AutoDirection } from "./autoDirection.js";
import { StageNote } from "./stageNote.js";

/**
 * The document schema's extensions, shared so that the server can read a
 * Y.Doc with exactly the schema the browser writes. Collaboration and carets
 * are added by the web app on top (they need a live provider); undo/redo is
 * left to Collaboration's Yjs-aware undo manager.
 */
export function documentExtensions(): AnyExtension[] {
  return [
    StarterKit.configure({
      undoRedo: false,
      codeBlock: false,
      code: false,
      // http, https and mailto are linkify's own schemes: registering them again
      // only logged "linkifyjs: already initialized" three times per editor.
      link: { openOnClick: false, autolink: true },
    }),
    AutoDirection,
    StageNote,
  ];
}

/** Bump when the schema changes in a way old clients cannot read. */
export const EDITOR_SCHEMA_VERSION = 1;
