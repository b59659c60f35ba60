import {
  combineTransactionSteps,
  findChildrenInRange,
  getChangedRanges,
  Mark,
  markPasteRule,
} from "@tiptap/core";
import type { MarkType } from "@tiptap/pm/model";
import { Plugin, PluginKey, type Transaction } from "@tiptap/pm/state";
import { ySyncPluginKey } from "@tiptap/y-tiptap";
import { findWebAddresses } from "./webAddresses.js";

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    link: {
      /** Links the selection to `href`; refused for an unsafe address. */
      setLink: (attributes: { href: string }) => ReturnType;
      /** Takes the link off the selection, or off the whole link around the cursor. */
      unsetLink: () => ReturnType;
    };
  }
}

/**
 * Hrefs a document may hold (Tiptap's Link extension's list, so documents
 * written with it keep their links): these schemes, a relative address, or
 * a host without a scheme. `javascript:`, `data:` and `vbscript:` are not:
 * a shared statement's link would run them in each co-drafter's browser.
 */
const SAFE_HREF =
  /^(?:(?:https?|ftps?|mailto|tel|callto|sms|cid|xmpp):|[^a-z]|[a-z0-9+.-]+(?:[^a-z+.\-:]|$))/i;

/**
 * Spaces and control characters (Tiptap's list, line and paragraph breaks
 * included): they end a word, and a browser skips them inside a scheme
 * ("java\tscript:").
 */
const SPACES = "\\u0000-\\u0020\\u00a0\\u1680\\u180e\\u2000-\\u2029\\u205f\\u3000";
const SPACE = new RegExp(`[${SPACES}]`);
const ALL_SPACES = new RegExp(`[${SPACES}]`, "g");

/** A transaction that sets or removes a link by hand: automatic links leave its text alone. */
const PREVENT_AUTOLINK = "preventAutolink";

/** Whether `href` may be a link's target; an empty one is harmless. */
export function isSafeHref(href: string | null | undefined): boolean {
  return !href || SAFE_HREF.test(href.replace(ALL_SPACES, ""));
}

/** A co-drafter's edit arriving through Yjs: their own editor linked what they typed, or chose not to. */
function isRemote(tr: Transaction): boolean {
  return tr.getMeta(ySyncPluginKey)?.isChangeOrigin === true;
}

/**
 * Links the web address someone has just finished typing: when a space or
 * a new paragraph follows a changed range, the last word before it. Only
 * this editor's own typing, never a co-drafter's edit or an undo arriving
 * through Yjs: a link added here would go out with this editor's next
 * edit, undoing the typist's choice of no link, and from a commenter's
 * editor as an edit the server refuses.
 */
function linkTypedAddresses(type: MarkType): Plugin {
  return new Plugin({
    key: new PluginKey("autolink"),
    appendTransaction(transactions, oldState, newState) {
      const changed = transactions.some((tr) => tr.docChanged) && !oldState.doc.eq(newState.doc);
      if (!changed || transactions.some((tr) => tr.getMeta(PREVENT_AUTOLINK) || isRemote(tr))) return;
      const tr = newState.tr;
      for (const { newRange } of getChangedRanges(combineTransactionSteps(oldState.doc, [...transactions]))) {
        const blocks = findChildrenInRange(newState.doc, newRange, (node) => node.isTextblock);
        const block = blocks[0];
        if (!block) continue;
        // Several blocks changed (Enter split one): the word ends the first.
        // Within one block, only a space just typed ends a word.
        let end = block.pos + block.node.nodeSize;
        if (blocks.length === 1) {
          if (!SPACE.test(newState.doc.textBetween(newRange.from, newRange.to, " ", " ").slice(-1))) continue;
          end = newRange.to;
        }
        const text = newState.doc.textBetween(block.pos, end, undefined, " ");
        const word = text.split(SPACE).filter(Boolean).at(-1);
        if (!word) continue;
        const wordStart = block.pos + 1 + text.lastIndexOf(word);
        for (const address of findWebAddresses(word)) {
          const from = wordStart + address.index;
          const to = from + address.text.length;
          if (!newState.doc.rangeHasMark(from, to, type))
            tr.addMark(from, to, type.create({ href: address.href }));
        }
      }
      return tr.steps.length > 0 ? tr : undefined;
    },
  });
}

/** A web address pasted over selected text links that text instead of replacing it. */
function linkSelectionOnPaste(type: MarkType): Plugin {
  return new Plugin({
    key: new PluginKey("handlePasteLink"),
    props: {
      handlePaste(view, _event, slice) {
        const { from, to, empty } = view.state.selection;
        if (empty) return false;
        const pasted = slice.content.textBetween(0, slice.content.size, " ").trim();
        const [address] = findWebAddresses(pasted);
        if (!address || address.text !== pasted) return false;
        view.dispatch(
          view.state.tr
            .addMark(from, to, type.create({ href: address.href }))
            .setMeta(PREVENT_AUTOLINK, true),
        );
        return true;
      },
    },
  });
}

/**
 * Links in the text, stored as Tiptap's Link extension stores them (mark
 * `link`, the same attributes and HTML), so documents written before keep
 * their links, but without linkifyjs: `findWebAddresses` finds the typed
 * and pasted ones. Nothing here opens a link on a click: in editable text
 * the click places the caret.
 */
export const Link = Mark.create({
  name: "link",
  priority: 1000,
  keepOnSplit: false,
  exitable: true,
  // Typing at a link's end extends it, as with Tiptap's automatic links.
  inclusive: true,

  addAttributes() {
    return {
      href: { default: null, parseHTML: (element) => element.getAttribute("href") },
      target: { default: "_blank" },
      rel: { default: "noopener noreferrer nofollow" },
      class: { default: null },
      title: { default: null },
    };
  },

  parseHTML() {
    return [
      {
        tag: "a[href]",
        // A link to nothing, or to a script, is kept as its text.
        getAttrs: (dom) => {
          const href = dom.getAttribute("href");
          return href && isSafeHref(href) ? null : false;
        },
      },
    ];
  },

  renderHTML({ HTMLAttributes }) {
    return ["a", isSafeHref(HTMLAttributes.href) ? HTMLAttributes : { ...HTMLAttributes, href: "" }, 0];
  },

  addCommands() {
    return {
      setLink:
        ({ href }) =>
        ({ chain }) =>
          isSafeHref(href) && chain().setMark(this.name, { href }).setMeta(PREVENT_AUTOLINK, true).run(),
      unsetLink:
        () =>
        ({ chain }) =>
          chain().unsetMark(this.name, { extendEmptyMarkRange: true }).setMeta(PREVENT_AUTOLINK, true).run(),
    };
  },

  addPasteRules() {
    return [
      markPasteRule({
        find: (text) =>
          findWebAddresses(text).map(({ index, text, href }) => ({ index, text, data: { href } })),
        type: this.type,
        getAttributes: (match) => ({ href: match.data?.href }),
      }),
    ];
  },

  addProseMirrorPlugins() {
    return [linkTypedAddresses(this.type), linkSelectionOnPaste(this.type)];
  },
});
