import type { TDocumentKind } from "./documents.js";

/**
 * Workspace templates in plain types (no zod, no editor): what a workspace
 * starts a new document of a kind from, instead of the built-in template.
 * The validation schema is `ZSaveTemplate` in `schemas.ts`; the editor JSON
 * helpers (placeholders, schema check) are in `editor/templateContent.ts`.
 */

/** Kinds a workspace may set its own template for. */
export const TEMPLATE_KINDS = [
  "intervention",
  "statement",
  "letter",
] as const satisfies readonly TDocumentKind[];
export type TTemplateKind = (typeof TEMPLATE_KINDS)[number];

/** Largest template, as UTF-8 bytes of its editor JSON: a few pages of text, never a book. */
export const MAX_TEMPLATE_BYTES = 64 * 1024;

/**
 * Deepest nesting of a template's editor JSON (objects and arrays): a list
 * nested twenty deep uses about ninety. Checked before anything walks the
 * JSON recursively, which a template nested thousands deep would overflow.
 */
export const MAX_TEMPLATE_DEPTH = 200;

/**
 * Placeholders a template's text may hold, filled in when a document is
 * created from it: `{{forum}}` and `{{agendaItem}}` with the intervention's
 * (or the call's) forum and agenda item, `{{title}}` with the document's
 * title. A placeholder with nothing to fill it is removed.
 */
export const TEMPLATE_PLACEHOLDERS = ["forum", "agendaItem", "title"] as const;
export type TTemplatePlaceholder = (typeof TEMPLATE_PLACEHOLDERS)[number];

/** Editor (ProseMirror) JSON, as stored and sent. */
export interface TTemplateContent {
  type: string;
  attrs?: Record<string, unknown>;
  content?: TTemplateContent[];
  marks?: { type: string; attrs?: Record<string, unknown> }[];
  text?: string;
  [key: string]: unknown;
}

/** One kind's template as the API presents it. */
export interface TTemplate {
  kind: TTemplateKind;
  /** What a new document of this kind starts from: the workspace's own, else the built-in one. */
  content: TTemplateContent;
  /** False while the built-in template is used. */
  custom: boolean;
  updatedAt: string | null;
  updatedBy: { id: string; name: string } | null;
}

/**
 * Whether `value` is editor JSON all the way down: objects with a string
 * `type`, their `content` an array of such objects, `marks` an array of
 * objects with a string `type`, `attrs` an object and `text` a string. The
 * web app checks the editor JSON an API answer carries with this: Hono's
 * typed client follows a recursive type only to its first level. Without
 * recursion, so no nesting overflows the stack.
 */
export function isEditorJson(value: unknown): value is TTemplateContent {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const node = pending.pop();
    if (!isNode(node)) return false;
    const { attrs, content, marks, text } = node;
    if (attrs !== undefined && !isObject(attrs)) return false;
    if (text !== undefined && typeof text !== "string") return false;
    if (marks !== undefined && !(Array.isArray(marks) && marks.every(isNode))) return false;
    if (content === undefined) continue;
    if (!Array.isArray(content)) return false;
    for (const child of content) pending.push(child);
  }
  return true;
}

function isObject(value: unknown): value is object {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isNode(value: unknown): value is { type: string; [key: string]: unknown } {
  return isObject(value) && "type" in value && typeof value.type === "string";
}

export function isTemplateKind(value: unknown): value is TTemplateKind {
  return typeof value === "string" && (TEMPLATE_KINDS as readonly string[]).includes(value);
}
