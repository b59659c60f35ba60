import { colorForName } from "@caucus/shared";
import {
  AUTHORS_FIELD,
  readAuthor,
  renderedBinding,
  resolvePosition,
  textAuthorRuns,
  xmlTexts,
} from "@caucus/shared/editor";
import { Extension } from "@tiptap/core";
import { isChangeOrigin } from "@tiptap/extension-collaboration";
import { type EditorState, Plugin, PluginKey } from "@tiptap/pm/state";
import { Decoration, DecorationSet, type EditorView } from "@tiptap/pm/view";
import * as Y from "yjs";

/** One line of the legend: an author (or the unknown ones) and their colour. */
export interface TLegendEntry {
  /** The user id, or "" for text whose client declared no author. */
  userId: string;
  name: string;
  color: string;
}

interface TAuthorshipState {
  on: boolean;
  legend: TLegendEntry[];
  decorations: DecorationSet;
  mapped: boolean;
}

const key = new PluginKey<TAuthorshipState>("authorship");
const REFRESH = "caucus:authorshipRefresh";
/** Grey for text whose author is not known; the legend names it. */
const UNKNOWN_COLOR = "#667085";

/** Decorations colouring each piece of text by the person whose client inserted it, and the legend. */
function colourByAuthor(
  state: EditorState,
  ydoc: Y.Doc,
  unknownName: () => string,
): Omit<TAuthorshipState, "on" | "mapped"> {
  const binding = renderedBinding(state);
  if (!binding) return { legend: [], decorations: DecorationSet.empty };
  const authors = ydoc.getMap(AUTHORS_FIELD);
  const legend = new Map<string, TLegendEntry>();
  const made: Decoration[] = [];
  const size = state.doc.content.size;
  const options = { docSize: size, dropDeleted: true };
  for (const text of xmlTexts(binding.type)) {
    const start = resolvePosition(binding, Y.createRelativePositionFromTypeIndex(text, 0, -1), options);
    if (start === null) continue;
    for (const run of textAuthorRuns(text)) {
      const author = readAuthor(authors.get(String(run.client)));
      const entry: TLegendEntry = author
        ? { userId: author.userId, name: author.name, color: colorForName(author.name) }
        : { userId: "", name: unknownName(), color: UNKNOWN_COLOR };
      if (!legend.has(entry.userId)) legend.set(entry.userId, entry);
      const from = start + run.offset;
      const to = Math.min(from + run.length, size);
      if (to > from) {
        made.push(
          Decoration.inline(from, to, {
            class: "authored",
            style: `--author-color: ${entry.color}`,
            title: entry.name,
            "data-author": entry.name,
          }),
        );
      }
    }
  }
  const sorted = [...legend.values()].sort((a, b) =>
    a.userId === "" ? 1 : b.userId === "" ? -1 : a.name.localeCompare(b.name),
  );
  return { legend: sorted, decorations: DecorationSet.create(state.doc, made) };
}

/**
 * "Who wrote what": when on, every piece of text is coloured by who
 * inserted it, from the clientID each Yjs item carries and the
 * `caucus:authors` map of clientIDs to people.
 */
export const Authorship = Extension.create<{ ydoc: Y.Doc | null; unknownName: () => string }>({
  name: "authorship",

  addOptions() {
    return { ydoc: null, unknownName: () => "" };
  },

  addProseMirrorPlugins() {
    const { ydoc, unknownName } = this.options;
    if (!ydoc) return [];
    const authors = ydoc.getMap(AUTHORS_FIELD);
    let view: EditorView | null = null;
    const refresh = () => {
      if (view && !view.isDestroyed && key.getState(view.state)?.on)
        view.dispatch(view.state.tr.setMeta(REFRESH, {}));
    };
    const off: TAuthorshipState = { on: false, legend: [], decorations: DecorationSet.empty, mapped: false };
    return [
      new Plugin<TAuthorshipState>({
        key,
        state: {
          init: () => off,
          apply(tr, value, _old, state) {
            const change = tr.getMeta(REFRESH) as { on?: boolean } | undefined;
            const on = change?.on ?? value.on;
            if (!on) return value.on ? off : value;
            if (change || isChangeOrigin(tr))
              return { on, mapped: false, ...colourByAuthor(state, ydoc, unknownName) };
            if (!tr.docChanged) return value;
            return { ...value, decorations: value.decorations.map(tr.mapping, tr.doc), mapped: true };
          },
        },
        view(editorView) {
          view = editorView;
          authors.observe(refresh);
          return {
            update(updated) {
              // One's own typing reaches the Y.Doc in this same update: colour it from there.
              if (key.getState(updated.state)?.mapped) queueMicrotask(refresh);
            },
            destroy() {
              authors.unobserve(refresh);
              view = null;
            },
          };
        },
        props: {
          decorations: (state) => key.getState(state)?.decorations,
          attributes: (state): Record<string, string> =>
            key.getState(state)?.on ? { "data-authorship": "on" } : {},
        },
      }),
    ];
  },
});

/** Whether text is coloured by author, and the legend. */
export function authorshipState(state: EditorState): { on: boolean; legend: TLegendEntry[] } {
  const value = key.getState(state);
  return { on: value?.on ?? false, legend: value?.legend ?? [] };
}

export function setAuthorshipShown(view: EditorView, on: boolean): void {
  view.dispatch(view.state.tr.setMeta(REFRESH, { on }));
}
