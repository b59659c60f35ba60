import {
  listSuggestions,
  planSuggestion,
  SUGGESTIONS_FIELD,
  type TAttemptedEdit,
} from "@caucus/shared/editor";
import { Extension } from "@tiptap/core";
import { isChangeOrigin } from "@tiptap/extension-collaboration";
import { type EditorState, Plugin, PluginKey, TextSelection } from "@tiptap/pm/state";
import type { DecorationSet, EditorView } from "@tiptap/pm/view";
import { yUndoPluginKey } from "@tiptap/y-tiptap";
import type * as Y from "yjs";
import { attemptedEdit } from "./attemptedEdit";
import { inDocumentOrder, placeAll, type TPlaced } from "./placement";
import { ACCEPT_META, type TSuggestionAuthor, type TSuggestionRefusal, writePlan } from "./suggestionActions";
import type { TAuthorOf } from "./suggestionAuthors";
import { suggestionDecorations, type TSuggestionLabels } from "./suggestionDecorations";

/** What the review UI reads: the mode and every suggestion, placed, in document order. */
export interface TSuggestionsState {
  suggesting: boolean;
  /** Why the last edit could not be suggested, until the next one that can. */
  refusal: TSuggestionRefusal | null;
  /** A commenter: suggesting is the only mode, and the text itself never changes here. */
  suggestOnly: boolean;
  suggestions: TPlaced[];
}

interface TPluginState extends TSuggestionsState {
  decorations: DecorationSet;
  /** Decorations only mapped through a local edit: anchors are re-read once it reaches the Y.Doc. */
  mapped: boolean;
}

const key = new PluginKey<TPluginState>("suggestedEdits");
/** Meta: `{ suggesting?, suggestOnly?, refusal? }` to change the mode, or `{}` to re-read the suggestions. */
const REFRESH = "caucus:suggestionsRefresh";

export interface TSuggestedEditsOptions {
  ydoc: Y.Doc | null;
  /** Who is suggesting; read at each edit, so a name that arrives or changes later is used. */
  author: () => TSuggestionAuthor;
  suggestOnly: boolean;
  labels: TSuggestionLabels;
  /** Who wrote a suggestion, by its author's id; read when drawn (see {@link refreshSuggestions}). */
  authorOf: () => TAuthorOf;
}

/**
 * Suggested edits in the editor. In suggesting mode (always, for a
 * commenter) the person's own changes to the text are stopped before they
 * apply and written as suggestions in the `caucus:suggestions` map
 * instead; changes from others (y-prosemirror's transactions) and accepted
 * suggestions pass. Every suggestion is shown inline: inserted text
 * underlined, deleted text struck through, in the author's caret colour.
 */
export const SuggestedEdits = Extension.create<TSuggestedEditsOptions>({
  name: "suggestedEdits",

  addOptions() {
    return {
      ydoc: null,
      author: () => ({ id: "", name: "" }),
      suggestOnly: false,
      labels: { inserted: () => "", deleted: () => "", insertedBy: () => "", deletedBy: () => "", end: "" },
      authorOf: () => () => ({ name: "", color: "" }),
    };
  },

  addKeyboardShortcuts() {
    return {
      // Google Docs' shortcut: no keyboard layout puts a character on AltGr+Shift+X.
      "Mod-Alt-Shift-x": () => {
        const state = key.getState(this.editor.state);
        if (!state || state.suggestOnly) return false;
        setSuggesting(this.editor.view, !state.suggesting);
        return true;
      },
    };
  },

  addProseMirrorPlugins() {
    const { ydoc, author, labels, authorOf } = this.options;
    if (!ydoc) return [];
    const map = ydoc.getMap(SUGGESTIONS_FIELD);
    let view: EditorView | null = null;
    let pending: TAttemptedEdit | null = null;

    const build = (
      state: EditorState,
      suggesting: boolean,
      suggestOnly: boolean,
      refusal: TSuggestionRefusal | null,
    ): TPluginState => {
      const suggestions = inDocumentOrder(placeAll(state, listSuggestions(ydoc)));
      return {
        suggesting,
        refusal,
        suggestOnly,
        suggestions,
        decorations: suggestionDecorations(state.doc, suggestions, labels, authorOf()),
        mapped: false,
      };
    };

    /** Turns the stopped edit into suggestions, once ProseMirror has finished with the transaction. */
    const flush = () => {
      const edit = pending;
      pending = null;
      if (!edit || !view || view.isDestroyed) return;
      const state = key.getState(view.state);
      const who = author();
      // Not yet known who is signed in (an offline start with nothing cached): nothing to sign it with.
      if (!state || !who.id) return;
      const own = state.suggestions.filter((s) => s.authorId === who.id && s.pos);
      const placed = own.map((s) => ({
        id: s.id,
        from: s.pos?.from ?? 0,
        to: s.pos?.to ?? 0,
        insert: s.insert,
      }));
      const plan = planSuggestion(placed, edit);
      if (!plan) return;
      const refusal = plan.add || plan.withdraw.length > 0 ? writePlan(view, ydoc, plan, own, who) : null;
      const tr = view.state.tr.setMeta(REFRESH, { refusal });
      if (!refusal)
        tr.setSelection(
          TextSelection.near(view.state.doc.resolve(Math.min(plan.caret, tr.doc.content.size))),
        );
      view.dispatch(tr.scrollIntoView());
    };

    const onSuggestionsChanged = () => {
      if (view && !view.isDestroyed) view.dispatch(view.state.tr.setMeta(REFRESH, {}));
    };

    return [
      new Plugin({
        key,
        state: {
          init: (_config, state) => build(state, false, this.options.suggestOnly, null),
          apply(tr, value, _old, state) {
            const change = tr.getMeta(REFRESH) as
              | { suggesting?: boolean; suggestOnly?: boolean; refusal?: TSuggestionRefusal | null }
              | undefined;
            // Remote text changes come with a fresh binding mapping: re-resolve every anchor.
            if (change || isChangeOrigin(tr) || tr.getMeta(ACCEPT_META)) {
              return build(
                state,
                change?.suggesting ?? value.suggesting,
                change?.suggestOnly ?? value.suggestOnly,
                change?.refusal === undefined ? value.refusal : change.refusal,
              );
            }
            if (!tr.docChanged) return value;
            // Until then, positions follow the edit (so the list never points past the text).
            const suggestions = value.suggestions.map((suggestion) => {
              if (!suggestion.pos) return suggestion;
              const insertion = suggestion.from === suggestion.to;
              const from = tr.mapping.map(suggestion.pos.from, insertion ? -1 : 1);
              const to = insertion ? from : tr.mapping.map(suggestion.pos.to, -1);
              return { ...suggestion, pos: from < to || insertion ? { from, to } : null };
            });
            return {
              ...value,
              suggestions,
              decorations: value.decorations.map(tr.mapping, tr.doc),
              mapped: true,
            };
          },
        },
        filterTransaction(tr, state) {
          if (!tr.docChanged || isChangeOrigin(tr) || tr.getMeta(ACCEPT_META)) return true;
          const value = key.getState(state);
          if (value && !value.suggesting && !value.suggestOnly) return true;
          // Mid-composition (Android keyboards, IMEs) the text is not final: only what is committed is suggested.
          if (view?.composing) return false;
          const edit = attemptedEdit(tr, state);
          if (edit && !pending) {
            pending = edit;
            queueMicrotask(flush);
          }
          return false;
        },
        view(editorView) {
          view = editorView;
          map.observe(onSuggestionsChanged);
          // Undoing an accept brings its suggestion back too.
          const undoManager = (yUndoPluginKey.getState(editorView.state) as { undoManager?: Y.UndoManager })
            ?.undoManager;
          undoManager?.addToScope(map);
          return {
            update(updated) {
              // After one's own edit, y-prosemirror has written it to the Y.Doc: re-resolve.
              const value = key.getState(updated.state);
              if (value?.mapped && value.suggestions.length > 0) queueMicrotask(onSuggestionsChanged);
            },
            destroy() {
              map.unobserve(onSuggestionsChanged);
              view = null;
            },
          };
        },
        props: {
          decorations: (state) => key.getState(state)?.decorations,
        },
      }),
    ];
  },
});

/** The mode and suggestions, for the review UI (null before the editor has them). */
export function suggestionsState(state: EditorState): TSuggestionsState | null {
  const value = key.getState(state);
  if (!value) return null;
  return {
    suggesting: value.suggesting || value.suggestOnly,
    refusal: value.refusal,
    suggestOnly: value.suggestOnly,
    suggestions: value.suggestions,
  };
}

/** Switches between editing and suggesting (ignored for a commenter, who only suggests). */
export function setSuggesting(view: EditorView, suggesting: boolean): void {
  view.dispatch(view.state.tr.setMeta(REFRESH, { suggesting }));
}

/** Follows a role change: a commenter suggests only. */
export function setSuggestOnly(view: EditorView, suggestOnly: boolean): void {
  view.dispatch(view.state.tr.setMeta(REFRESH, { suggestOnly }));
}

/** Draws the suggestions again: for when who is who became known (the member list arrived). */
export function refreshSuggestions(view: EditorView): void {
  if (!view.isDestroyed) view.dispatch(view.state.tr.setMeta(REFRESH, {}));
}
