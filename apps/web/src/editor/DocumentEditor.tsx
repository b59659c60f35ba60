import { DOCUMENT_FIELD, documentExtensions } from "@caucus/shared/editor";
import type { Editor } from "@tiptap/core";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { type ReactNode, useEffect, useRef } from "react";
import { createPortal } from "react-dom";
import { useSignedInMe } from "../account/meStore";
import { Authorship } from "../authorship/Authorship";
import { recordAuthor } from "../authorship/recordAuthor";
import { CommentHighlights } from "../comments/commentHighlights";
import { useTranslation } from "../i18n";
import { useIdentity } from "../identity";
import { ParagraphTimes } from "../speaking/paragraphTimes";
import { useDeliverySettings } from "../speaking/useDeliverySettings";
import { refreshSuggestions, SuggestedEdits, setSuggestOnly } from "../suggestions/SuggestedEdits";
import { SuggestionsPanel } from "../suggestions/SuggestionsPanel";
import { SuggestModeBar } from "../suggestions/SuggestModeBar";
import { suggestionLabels } from "../suggestions/suggestionLabels";
import { useSuggestionAuthors } from "../suggestions/useSuggestionAuthors";
import type { CollaborationSession } from "../sync/CollaborationSession";
import { documentCollaboration } from "./documentCollaboration";
import { Toolbar } from "./Toolbar";
import { useTiptap } from "./useTiptap";

/**
 * The shared text. Built on the document schema from @caucus/shared plus
 * Collaboration (the Y.Doc is the source of truth, with its own undo) and
 * carets showing who is where.
 */
export function DocumentEditor({
  session,
  label,
  editable,
  suggestOnly = false,
  workspaceId,
  onEditor,
  toolbarEnd,
  suggestionsIn,
}: {
  session: CollaborationSession;
  label: string;
  /** False for a person who may read but not edit; the server's socket refuses their edits anyway. */
  editable: boolean;
  /** A commenter: may type, but only as suggestions (the text itself never changes from here). */
  suggestOnly?: boolean;
  /** The document's workspace, when the reader is one of its members (null for a guest of this document). */
  workspaceId: string | null;
  /** Hears the editor once it exists (and null when it goes), for the speaking-time meter. */
  onEditor?: (editor: Editor | null) => void;
  /** At the toolbar's end, in sight while its tools scroll: a phone's speaking time. */
  toolbarEnd?: ReactNode;
  /**
   * Where the suggestions list goes instead of under the text (a phone's
   * sheet); null while that place is not there yet, which shows it nowhere
   * rather than under the text for a moment.
   */
  suggestionsIn?: HTMLElement | null;
}) {
  const { i18n } = useTranslation();
  const identity = useIdentity();
  const userId = useSignedInMe()?.user.id ?? "";
  const author = useRef({ id: userId, name: identity.name });
  author.current = { id: userId, name: identity.name };
  const authorOf = useSuggestionAuthors(workspaceId, author.current);
  const authorOfRef = useRef(authorOf);
  authorOfRef.current = authorOf;

  const { editor, mount } = useTiptap(
    () => ({
      editable: editable || suggestOnly,
      extensions: [
        ...documentExtensions(),
        ParagraphTimes,
        CommentHighlights,
        SuggestedEdits.configure({
          ydoc: session.ydoc,
          author: () => author.current,
          suggestOnly,
          labels: suggestionLabels(i18n),
          authorOf: () => authorOfRef.current,
        }),
        Authorship.configure({ ydoc: session.ydoc, unknownName: () => i18n.t("authorship.unknown") }),
        documentCollaboration(session.ydoc),
        CollaborationCaret.configure({
          provider: session.provider,
          user: { name: identity.name, color: identity.color },
        }),
      ],
      editorProps: {
        attributes: {
          "aria-label": label,
          "aria-multiline": "true",
          role: "textbox",
          class: "document-text",
        },
      },
    }),
    // The identity and editability are updated in place below; a new session needs a new editor.
    session,
  );

  useEffect(() => {
    onEditor?.(editor);
    return () => onEditor?.(null);
  }, [editor, onEditor]);

  // The text is in the language it is delivered in (its settings say which),
  // whatever the UI's: spell checking, hyphenation and screen readers follow it.
  const { language } = useDeliverySettings(session.ydoc).settings;
  useEffect(() => {
    if (editor && !editor.isDestroyed && language) editor.view.dom.setAttribute("lang", language);
  }, [editor, language]);

  // A renamed person keeps their caret; only the awareness state changes.
  useEffect(() => {
    if (editor && !editor.isDestroyed)
      editor.commands.updateUser({ name: identity.name, color: identity.color });
  }, [editor, identity.name, identity.color]);

  // An empty document someone may write in (a new draft, most often): the
  // cursor waits in it, so typing can start at once. Not on touch screens,
  // where focusing would throw the keyboard over the page.
  useEffect(() => {
    if (!editor || editor.isDestroyed || !editor.isEditable || !editor.isEmpty) return;
    if (window.matchMedia("(pointer: coarse)").matches) return;
    editor.commands.focus("start");
  }, [editor]);

  // Who is who became known (the member list arrived, or a name changed): draw the suggestions again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new `authorOf` is the reason to draw again; the plugin reads it from a ref.
  useEffect(() => {
    if (editor && !editor.isDestroyed) refreshSuggestions(editor.view);
  }, [editor, authorOf]);

  // A role changed while the page is open (socket closed with 4205 accessChanged, document refetched).
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    if (editor.isEditable !== (editable || suggestOnly)) editor.setEditable(editable || suggestOnly);
    setSuggestOnly(editor.view, suggestOnly);
  }, [editor, editable, suggestOnly]);

  // Who wrote what: this client says whose it is once it edits the text.
  useEffect(() => {
    if (!editable || suggestOnly || !userId) return;
    return recordAuthor(session.ydoc, session.ydoc.getXmlFragment(DOCUMENT_FIELD), {
      userId,
      name: identity.name,
    });
  }, [session, editable, suggestOnly, userId, identity.name]);

  const suggestions = (shown: Editor) => (
    <SuggestionsPanel
      editor={shown}
      ydoc={session.ydoc}
      userId={userId}
      canDecide={editable}
      authorOf={authorOf}
    />
  );
  return (
    <div className="editor">
      {editor && editable && <Toolbar editor={editor} end={toolbarEnd} />}
      {editor && <SuggestModeBar editor={editor} canWrite={editable || suggestOnly} />}
      <div ref={mount} className="editor__content" />
      {editor && suggestionsIn === undefined && suggestions(editor)}
      {editor && suggestionsIn && createPortal(suggestions(editor), suggestionsIn)}
    </div>
  );
}
