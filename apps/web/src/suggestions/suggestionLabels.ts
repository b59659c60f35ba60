import type { TTranslator } from "../i18n";
import type { TSuggestionLabels } from "./suggestionDecorations";

/** The decorations' words, looked up when drawn, so they follow a change of language. */
export function suggestionLabels(i18n: TTranslator): TSuggestionLabels {
  const what = (key: "insert" | "delete", text: string) => i18n.t(`suggestions.${key}`, { text });
  return {
    inserted: (name, text) => i18n.t("suggestions.by", { name, what: what("insert", text) }),
    deleted: (name, text) => i18n.t("suggestions.by", { name, what: what("delete", text) }),
    insertedBy: (name) => i18n.t("suggestions.insertedBy", { name }),
    deletedBy: (name) => i18n.t("suggestions.deletedBy", { name }),
    get end() {
      return i18n.t("suggestions.end");
    },
  };
}
