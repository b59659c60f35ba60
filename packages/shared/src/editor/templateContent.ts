import { getSchema, type JSONContent } from "@tiptap/core";
import { Node, type Schema } from "@tiptap/pm/model";
import {
  MAX_TEMPLATE_BYTES,
  MAX_TEMPLATE_DEPTH,
  TEMPLATE_PLACEHOLDERS,
  type TTemplateKind,
  type TTemplatePlaceholder,
} from "../templates.js";
import { documentExtensions } from "./schema.js";
import { interventionTemplate } from "./templates.js";

let schema: Schema | undefined;
/** Built on first use: the schema costs a few milliseconds and most callers never need it. */
function documentSchema(): Schema {
  schema ??= getSchema(documentExtensions());
  return schema;
}

/**
 * Why `content` cannot be a template, in a sentence, or null when it can:
 * it must be at most {@link MAX_TEMPLATE_BYTES} of JSON and a whole
 * document of the shared editor schema (known nodes and marks, valid
 * nesting, no empty text), so every co-drafter's editor can open what is
 * created from it.
 */
export function templateProblem(content: unknown): string | null {
  if (nestedDeeperThan(content, MAX_TEMPLATE_DEPTH)) {
    return `The template is nested too deeply; keep it under ${MAX_TEMPLATE_DEPTH} levels.`;
  }
  const json = JSON.stringify(content) ?? "";
  const bytes = new TextEncoder().encode(json).length;
  if (bytes > MAX_TEMPLATE_BYTES) {
    return `The template is too long (${Math.ceil(bytes / 1024)} KiB); keep it under ${MAX_TEMPLATE_BYTES / 1024} KiB.`;
  }
  // JSON.stringify writes U+0000 as this escape; PostgreSQL's jsonb refuses it.
  if (json.includes("\\u0000")) return "Remove the NUL character (U+0000) from the template.";
  if (typeof content !== "object" || content === null || (content as { type?: unknown }).type !== "doc") {
    return "A template is a whole document: editor JSON whose type is doc.";
  }
  try {
    Node.fromJSON(documentSchema(), content).check();
    return null;
  } catch (error) {
    return `The template is not a document the editor can open: ${(error as Error).message}`;
  }
}

/** Whether `value` nests objects and arrays more than `limit` deep; without recursion. */
function nestedDeeperThan(value: unknown, limit: number): boolean {
  const pending: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (typeof next.value !== "object" || next.value === null) continue;
    if (next.depth >= limit) return true;
    for (const child of Object.values(next.value)) pending.push({ value: child, depth: next.depth + 1 });
  }
  return false;
}

const NAMES = TEMPLATE_PLACEHOLDERS.join("|");
const PLACEHOLDER = new RegExp(`\\{\\{\\s*(${NAMES})\\s*\\}\\}`, "g");
/** The placeholders `names` with the dashes beside them, for taking empty ones out cleanly. */
function withDashes(names: string[]): RegExp {
  return new RegExp(`(\\s*[—–-]\\s*)?\\{\\{\\s*(?:${names.join("|")})\\s*\\}\\}(\\s*[—–-]\\s*)?`, "g");
}

/**
 * `content` with every placeholder in its text (`{{forum}}`, `{{agendaItem}}`,
 * `{{title}}`) replaced by its value; one with no value is removed, a text
 * node the placeholders left empty or with only punctuation is dropped (the
 * editor schema has no empty text), and so is a paragraph left with nothing.
 * Marks stay on the filled text, so `{{forum}}` in a stage note stays a
 * stage note. Pure: `content` is not changed.
 */
export function fillTemplate(
  content: JSONContent,
  values: Partial<Record<TTemplatePlaceholder, string>>,
): JSONContent {
  const emptyNames = TEMPLATE_PLACEHOLDERS.filter((name) => !values[name]);
  const empty = emptyNames.length > 0 ? withDashes(emptyNames) : null;
  const fill = (node: JSONContent): JSONContent | null => {
    if (node.type === "text" && typeof node.text === "string") {
      // Empty ones go first, each with a dash beside it (one dash stays
      // between two neighbours); then the others are filled in.
      const text = (
        empty
          ? node.text.replace(empty, (_, before?: string, after?: string) => (before && after ? before : ""))
          : node.text
      ).replace(PLACEHOLDER, (_, name: TTemplatePlaceholder) => values[name] ?? "");
      // "{{forum}} — {{agendaItem}}" with neither known leaves " — ": drop
      // what placeholders left without a letter or digit.
      if (text !== node.text && !/[\p{L}\p{N}]/u.test(text)) return null;
      return text ? { ...node, text } : null;
    }
    if (!node.content) return { ...node };
    const content = node.content.map(fill).filter((child): child is JSONContent => child !== null);
    // A paragraph that held only placeholders, all empty, goes too.
    if (node.type === "paragraph" && node.content.length > 0 && content.length === 0) return null;
    return { ...node, content };
  };
  return fill(content) ?? { type: "doc", content: [] };
}

/**
 * The template a kind starts from when the workspace has not set its own,
 * as the templates page shows it: the intervention frame with placeholders
 * where forum and agenda item go, and an empty page for the other kinds.
 */
export function builtInTemplate(kind: TTemplateKind, language = "en"): JSONContent {
  if (kind === "intervention") {
    return interventionTemplate({ language, forum: "{{forum}}", agendaItem: "{{agendaItem}}" });
  }
  return { type: "doc", content: [{ type: "paragraph" }] };
}
