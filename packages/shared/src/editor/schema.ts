import type { AnyExtension } from "@tiptap/core";
import { Blockquote } from "@tiptap/extension-blockquote";
import { Bold } from "@tiptap/extension-bold";
import { Document } from "@tiptap/extension-document";
import { HardBreak } from "@tiptap/extension-hard-break";
import { Heading } from "@tiptap/extension-heading";
import { HorizontalRule } from "@tiptap/extension-horizontal-rule";
import { Italic } from "@tiptap/extension-italic";
// The lists and the cursors by their own entry points: the packages' index
// modules also carry task lists, undo, placeholders and counters, which a
// bundler cannot drop (their extensions are built when the module loads).
import { BulletList } from "@tiptap/extension-list/bullet-list";
import { ListItem } from "@tiptap/extension-list/item";
import { ListKeymap } from "@tiptap/extension-list/keymap";
import { OrderedList } from "@tiptap/extension-list/ordered-list";
import { Paragraph } from "@tiptap/extension-paragraph";
import { Strike } from "@tiptap/extension-strike";
import { Text } from "@tiptap/extension-text";
import { Underline } from "@tiptap/extension-underline";
import { Dropcursor } from "@tiptap/extensions/drop-cursor";
// The gap cursor lets the caret sit beside a horizontal rule that has no text around it.
import { Gapcursor } from "@tiptap/extensions/gap-cursor";
import { TrailingNode } from "@tiptap/extensions/trailing-node";
import { AutoDirection } from "./autoDirection.js";
import { Link } from "./link.js";
import { StageNote } from "./stageNote.js";

/**
 * The document schema's extensions, shared so that the server can read a
 * Y.Doc with exactly the schema the browser writes. Collaboration and carets
 * are added by the web app on top (they need a live provider); undo/redo is
 * left to Collaboration's Yjs-aware undo manager.
 *
 * StarterKit's set, in its order, without its undo/redo, code and code
 * blocks: StarterKit itself imports every extension it can enable, so the
 * ones it was told to leave out were still in the editor's download.
 */
export function documentExtensions(): AnyExtension[] {
  return [
    Bold,
    Blockquote,
    BulletList,
    Document,
    Dropcursor,
    Gapcursor,
    HardBreak,
    Heading,
    HorizontalRule,
    Italic,
    ListItem,
    ListKeymap,
    Link,
    OrderedList,
    Paragraph,
    Strike,
    Text,
    Underline,
    TrailingNode,
    AutoDirection,
    StageNote,
  ];
}

/** Bump when the schema changes in a way old clients cannot read. */
export const EDITOR_SCHEMA_VERSION = 1;
