import type { Node as ProseMirrorNode } from "@tiptap/pm/model";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import type { TPlaced } from "./placement";
import type { TAuthorOf } from "./suggestionAuthors";

/** Words the decorations carry for screen readers and tooltips, in the reader's language. */
export interface TSuggestionLabels {
  /** "Suggested by Ana: insert ‘Member States’" */
  inserted: (name: string, text: string) => string;
  /** "Suggested by Ana: delete ‘the’" */
  deleted: (name: string, text: string) => string;
  /** Read before inserted text: "Ana suggests inserting:" */
  insertedBy: (name: string) => string;
  /** Read before struck-through text: "Ana suggests deleting:" */
  deletedBy: (name: string) => string;
  /** Read after a suggestion's text. */
  end: string;
}

function hiddenText(text: string): HTMLElement {
  const span = document.createElement("span");
  span.className = "visually-hidden";
  span.textContent = text;
  return span;
}

/**
 * The inline view of suggestions: deleted text struck through (an inline
 * decoration, with words before and after it for screen readers), inserted
 * text as an underlined widget where it would go. Both in the author's
 * caret colour, with who and what in the tooltip, so colour is never the
 * only sign. Stale suggestions (no range) are not shown inline. The author
 * is named by `authorOf` from the suggestion's id, never its own name field.
 */
export function suggestionDecorations(
  doc: ProseMirrorNode,
  suggestions: TPlaced[],
  labels: TSuggestionLabels,
  authorOf: TAuthorOf,
): DecorationSet {
  const made: Decoration[] = [];
  for (const suggestion of suggestions) {
    if (!suggestion.pos) continue;
    const { from, to } = suggestion.pos;
    const { name, color } = authorOf(suggestion.authorId);
    const style = `--suggestion-color: ${color}`;
    if (to > from) {
      const removed = doc.textBetween(from, to, " ");
      const title = labels.deleted(name, removed);
      made.push(
        Decoration.widget(from, () => hiddenText(labels.deletedBy(name)), {
          side: 1,
          key: `d-${suggestion.id}`,
          ignoreSelection: true,
        }),
        Decoration.inline(from, to, {
          class: "suggestion-deleted",
          style,
          title,
          "data-suggestion-id": suggestion.id,
          "data-suggestion-author": name,
        }),
        Decoration.widget(to, () => hiddenText(labels.end), {
          side: -2,
          key: `e-${suggestion.id}`,
          ignoreSelection: true,
        }),
      );
    }
    if (suggestion.insert) {
      const title = labels.inserted(name, suggestion.insert);
      made.push(
        Decoration.widget(
          to,
          () => {
            const ins = document.createElement("ins");
            ins.className = "suggestion-inserted";
            ins.setAttribute("style", style);
            ins.title = title;
            ins.dataset.suggestionId = suggestion.id;
            ins.dataset.suggestionAuthor = name;
            ins.append(hiddenText(labels.insertedBy(name)), suggestion.insert, hiddenText(labels.end));
            return ins;
          },
          // Before the caret at `to`, so typing on extends it visibly; keyed by its text so a change redraws it.
          { side: -1, key: `i-${suggestion.id}-${suggestion.insert}`, marks: [] },
        ),
      );
    }
  }
  return DecorationSet.create(doc, made);
}
