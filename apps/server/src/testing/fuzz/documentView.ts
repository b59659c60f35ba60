import { SUGGESTIONS_FIELD } from "@caucus/shared";
import { readSuggestion } from "@caucus/shared/editor";
import * as Y from "yjs";

/**
 * What a document holds, struct by struct, as runs of one client's clocks
 * that share a parent, a key and whether they are deleted: the same for two
 * documents exactly when they hold the same structs in the same state,
 * however Yjs happens to have split or merged them. The fuzzer's oracle of
 * "nothing changed", written without the code it checks.
 */
export function documentView(doc: Y.Doc, skip?: (item: Y.Item) => boolean, onlyClient?: number): string {
  const roots = new Map<unknown, string>();
  for (const [name, type] of doc.share) roots.set(type, name);
  const parts: string[] = [];
  for (const [client, structs] of doc.store.clients) {
    if (onlyClient !== undefined && client !== onlyClient) continue;
    let key = "";
    let start = 0;
    let end = -1;
    const flush = () => {
      if (end >= 0) parts.push(`${client}@${start}-${end}:${key}`);
    };
    for (const struct of structs) {
      let structKey: string;
      if (struct instanceof Y.Item) {
        if (skip?.(struct)) {
          flush();
          end = -1;
          continue;
        }
        structKey = `${struct.deleted ? "deleted" : "live"}|${parentOf(struct, roots)}|${struct.parentSub ?? ""}`;
      } else structKey = "gc";
      if (structKey === key && struct.id.clock === end) end += struct.length;
      else {
        flush();
        key = structKey;
        start = struct.id.clock;
        end = start + struct.length;
      }
    }
    flush();
  }
  return parts.sort().join("\n");
}

function parentOf(item: Y.Item, roots: Map<unknown, string>): string {
  const parent = item.parent;
  if (parent instanceof Y.AbstractType) {
    const root = roots.get(parent);
    if (root !== undefined) return `root:${root}`;
    const holder = parent._item;
    return holder ? `item:${holder.id.client}.${holder.id.clock}` : "detached";
  }
  return `unresolved:${String(parent)}`;
}

/**
 * The document as everyone but `userId` must find it after that person,
 * who may only suggest, sent something: their own suggestions (their
 * client ids' entries of the suggestions map, each a suggestion by them
 * while it stands) are left out, everything else is in.
 */
export function viewWithoutOwnSuggestions(
  doc: Y.Doc,
  userId: string,
  ownerOf: (clientId: number) => string | undefined,
): string {
  const suggestions = doc.share.get(SUGGESTIONS_FIELD);
  return documentView(doc, (item) => {
    if (item.parent !== suggestions || item.parentSub === null) return false;
    if (ownerOf(item.id.client) !== userId) return false;
    if (item.deleted) return true;
    return item.content instanceof Y.ContentAny && readSuggestion(item.content.arr[0])?.authorId === userId;
  });
}

/** The plain text of every text node under the document's root `field`, in order. */
export function plainText(doc: Y.Doc, field: string): string {
  const out: string[] = [];
  const walk = (node: Y.XmlElement | Y.XmlFragment | Y.XmlText) => {
    if (node instanceof Y.XmlText) {
      for (const op of node.toDelta() as Array<{ insert: unknown }>) {
        if (typeof op.insert === "string") out.push(op.insert);
      }
      return;
    }
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlElement || child instanceof Y.XmlText || child instanceof Y.XmlFragment)
        walk(child);
    }
  };
  walk(doc.getXmlFragment(field));
  return out.join("");
}
