/**
 * Stable hooks for browser tests (tests/). Change them only together with
 * the tests that use them.
 *
 * - Document list: `new-document-title` (input), `new-document-kind`
 *   (select), `create-document` (submit button), one `document-row` per
 *   document with an `open-document` link, `rename-document` and
 *   `delete-document` buttons; `restore-document` in "Recently deleted" and
 *   in the undo notice after a delete.
 * - Document page: the editable text is `.ProseMirror`; `document-title`
 *   shows the title and `rename-document` renames it; `save-status` carries
 *   `data-state` = saved | saving | offline | reconnecting | error and
 *   `data-pending` = edits not yet stored.
 * - Everywhere: `display-name` (input in the header).
 * - Remote carets are Tiptap's `.collaboration-carets__caret` with a
 *   `.collaboration-carets__label` child holding the person's name.
 * - `window.__caucus = { ydoc, provider }` while a document page is open.
 */
export const TestId = {
  newDocumentTitle: "new-document-title",
  newDocumentKind: "new-document-kind",
  createDocument: "create-document",
  documentRow: "document-row",
  openDocument: "open-document",
  renameDocument: "rename-document",
  deleteDocument: "delete-document",
  restoreDocument: "restore-document",
  documentTitle: "document-title",
  saveStatus: "save-status",
  displayName: "display-name",
} as const;
