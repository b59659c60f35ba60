/**
 * Stable hooks for browser tests (tests/). Change them only together with
 * the tests that use them.
 *
 * - Sign up (`/sign-up`): `sign-up-name`, `sign-up-email`,
 *   `sign-up-password` (inputs), `sign-up-submit`.
 * - Sign in (`/sign-in`): `sign-in-email`, `sign-in-password`,
 *   `sign-in-submit`; when the account has TOTP on, the same form then shows
 *   `sign-in-code` and `sign-in-submit` sends the code.
 * - Header (signed in): `workspace-switcher` (a select of workspaces, its
 *   last option "New workspace…"); `account-menu` (the summary of a
 *   `<details>` menu) holding `display-name` (the name co-drafters see on
 *   the caret, now the account's name, no longer an input); open the menu
 *   to reach `sign-out`.
 * - Account (`/account`): `sign-out-everywhere`.
 * - Members (`/w/:id/members`): one `member-row` per member with a
 *   `data-user-email` attribute; owners see `member-role` (select) and
 *   `member-remove` in each row. `invite-open` opens the invite dialog:
 *   `invite-role` and `invite-expiry` (selects), `invite-create`, then
 *   `invite-link` (read-only input holding the full link).
 * - Any "are you sure?" dialog (removing a member, leaving, revoking):
 *   `confirm-action` is the button that goes ahead.
 * - Invitation (`/invite#<token>`): `invite-accept`.
 * - Audit log (`/w/:id/audit`): one `audit-row` per event.
 * - Document list (`/w/:id`): `new-document-title` (input),
 *   `new-document-kind` (select), `create-document` (submit button), one
 *   `document-row` per document with an `open-document` link,
 *   `rename-document` and `delete-document` buttons (only for roles that
 *   may); `restore-document` in "Recently deleted" and in the undo notice
 *   after a delete.
 * - Document page: the editable text is `.ProseMirror`; `document-title`
 *   shows the title and `rename-document` renames it; `save-status` carries
 *   `data-state` = saved | saving | offline | reconnecting | error and
 *   `data-pending` = edits not yet stored; `read-only-banner` when the
 *   person may read but not edit; `share-open` (owners) opens the share
 *   dialog, whose invite form reuses the `invite-*` ids.
 * - Presence (members only, not guests of one document): `presence-status`
 *   (a select of room | remote | away) in the header while the person is on
 *   a page of a workspace they belong to. On the document list,
 *   `presence-panel` ("Online now", everyone but oneself) holds one
 *   `presence-person` per person (a person with several tabs shows once)
 *   with `data-user-name` and `data-status` = room | remote | away. On a
 *   document page, `document-presence` (always there for members) holds one
 *   `presence-avatar` per other person with the document open, with
 *   `data-user-name`. All of these follow the live stream; an entry goes
 *   10 s after its tab stops reporting.
 * - Creating an intervention (kind "intervention" in `new-document-kind`)
 *   adds `new-intervention-forum`, `new-intervention-agenda-item` (inputs),
 *   `new-intervention-time-limit` (select of 90 | 120 | 180 | custom; custom
 *   shows `new-intervention-time-limit-custom`, m:ss) and
 *   `new-intervention-language` (select of en es fr ar zh ru | other; other
 *   shows `new-intervention-language-tag`).
 * - Speaking time (document page, interventions and statements, or any
 *   document with a limit): `speaking-meter` with `data-over` = true | false,
 *   `data-words` and `data-seconds`; `speaking-time` (e.g. "1:42 of 1:30");
 *   `speaking-warning` (a live region, empty unless over the limit).
 *   Paragraphs carry `data-speaking-time` (m:ss). `delivery-settings-open`
 *   opens `delivery-settings`: `delivery-language`, `delivery-pace`,
 *   `delivery-limit-mode` (time | words | none), `delivery-time-limit`
 *   (like the creation form's), `delivery-word-limit`, `delivery-save`.
 *   The toolbar's `stage-note-toggle` marks text not read aloud
 *   (`span.stage-note[data-stage-note]`).
 * - Remote carets are Tiptap's `.collaboration-carets__caret` with a
 *   `.collaboration-carets__label` child holding the person's name.
 * - `window.__caucus = { ydoc, provider }` while a document page is open.
 * - Delivery view (`/d/:id/deliver`): `open-delivery-view` on the document
 *   page opens it (so does Ctrl/Cmd+Shift+Enter). `delivery-view` is the
 *   page; its text is `.delivery-text` (read-only ProseMirror), each
 *   paragraph a co-drafter changed since it opened carries `data-changed`
 *   (class `delivery-changed`) until the reader has read past it.
 *   `rehearsal-elapsed` shows the timer with `data-state` = running |
 *   paused, `rehearsal-toggle` starts and pauses it, `rehearsal-paragraph`
 *   has `data-paragraph` = the 1-based paragraph at the reading line;
 *   `delivery-limit` the limit; `wake-lock` has `data-state` = pending |
 *   active | unsupported | refused; `delivery-download` saves the .txt.
 * - Calls board (`/w/:id/calls`): the form is `call-form` (`call-forum`,
 *   `call-agenda-item`, `call-venue`, `call-deadline`, `call-speaker`,
 *   `call-create-draft` checkbox, `call-draft-title`, `call-time-limit`,
 *   `create-call`); after creating with a draft, `call-open-new-draft`
 *   links to it. The list is `calls-board`; each `call-row` has
 *   `data-call-id`, `call-draft-link`, `call-status`, `call-countdown` and
 *   `call-speaking-time` with `data-seconds` (and `data-over` when over).
 *   Editors' rows have `call-edit`, which opens `call-edit-dialog` holding
 *   `call-edit-form` (the same `call-forum`, `call-agenda-item`,
 *   `call-venue`, `call-deadline`, `call-link-draft` fields) and
 *   `call-edit-save`.
 * - Templates (`/w/:id/templates`): `templates-page`; one
 *   `template-section` per kind with `data-kind`, holding `template-text`
 *   (the editor), `template-source` (built-in or who changed it),
 *   `template-save` and, for a workspace's own template, `template-reset`.
 * - Versions (document page): `versions-open` toggles `versions-panel`;
 *   editors see `version-name`, `version-note` and `version-save`; one
 *   `version-row` per version (`data-version-kind` named or auto) with
 *   `version-open` and `version-compare-current`; `compare-from`,
 *   `compare-to` (selects) and `compare-submit`; `versions-status` says
 *   what was just done. An open version shows `version-text`; a comparison
 *   `compare-view` with `diff-inserted` and `diff-deleted` marks and
 *   `compare-export`; both have `version-restore` (editors) and
 *   `versions-back`.
 * - Comments (document page): `comments-panel` holds `comment-start`
 *   (comment on the selection), `comments-empty`, and one `comment-thread`
 *   per thread shown (`data-thread-id`, `data-status`) with its `comment`s
 *   (`comment-body`), `comment-reply`, `comment-resolve` / `comment-reopen`;
 *   every comment box is a `comment-input` with `comment-submit` and
 *   `mention-option`s while "@" suggests members. Highlighted text in the
 *   editor is `.comment-highlight[data-thread-id]`.
 * - Suggested edits (document page): a commenter sees
 *   `suggest-only-banner` instead of `read-only-banner`; `suggest-mode` says the mode in
 *   `data-mode` = editing | suggesting; editors toggle it with
 *   `suggest-toggle` (or Ctrl/Cmd+Alt+Shift+X); `suggest-refusal` says why
 *   the last change could not be suggested (too long, too many). In the text, suggested
 *   insertions are `ins.suggestion-inserted` widgets and deletions
 *   `.suggestion-deleted` spans, both with `data-suggestion-id` and
 *   `data-suggestion-author`; screen-reader words sit in `.visually-hidden`
 *   spans inside and around them. `suggestions-panel` lists one
 *   `suggestion-item` per suggestion (`data-suggestion-id`, `data-author`)
 *   with `suggestion-accept` (editors) and `suggestion-reject` (editors;
 *   a commenter's own: withdraw); `suggestion-accept-all` and
 *   `suggestion-reject-all` per author; stale ones in `suggestions-stale`.
 * - Who wrote what: `authorship-toggle` colours the text (`.authored`
 *   spans with `data-author`) and shows `authorship-legend`, one
 *   `authorship-author` per author with `data-user-name`.
 */
export const TestId = {
  newDocumentTitle: "new-document-title",
  newDocumentKind: "new-document-kind",
  newInterventionForum: "new-intervention-forum",
  newInterventionAgendaItem: "new-intervention-agenda-item",
  newInterventionTimeLimit: "new-intervention-time-limit",
  newInterventionLanguage: "new-intervention-language",
  speakingMeter: "speaking-meter",
  speakingTime: "speaking-time",
  speakingWarning: "speaking-warning",
  deliverySettingsOpen: "delivery-settings-open",
  deliverySettings: "delivery-settings",
  deliveryLanguage: "delivery-language",
  deliveryPace: "delivery-pace",
  deliveryLimitMode: "delivery-limit-mode",
  deliveryTimeLimit: "delivery-time-limit",
  deliveryWordLimit: "delivery-word-limit",
  deliverySave: "delivery-save",
  stageNoteToggle: "stage-note-toggle",
  createDocument: "create-document",
  newDocumentOpen: "new-document-open",
  documentRow: "document-row",
  documentsOffline: "documents-offline",
  openDocument: "open-document",
  renameDocument: "rename-document",
  deleteDocument: "delete-document",
  restoreDocument: "restore-document",
  documentTitle: "document-title",
  saveStatus: "save-status",
  displayName: "display-name",
  signUpName: "sign-up-name",
  signUpEmail: "sign-up-email",
  signUpPassword: "sign-up-password",
  signUpSubmit: "sign-up-submit",
  signInEmail: "sign-in-email",
  signInPassword: "sign-in-password",
  signInSubmit: "sign-in-submit",
  signInCode: "sign-in-code",
  workspaceSwitcher: "workspace-switcher",
  inviteOpen: "invite-open",
  inviteRole: "invite-role",
  inviteExpiry: "invite-expiry",
  inviteCreate: "invite-create",
  inviteLink: "invite-link",
  inviteAccept: "invite-accept",
  memberRow: "member-row",
  memberRole: "member-role",
  memberRemove: "member-remove",
  confirmAction: "confirm-action",
  readOnlyBanner: "read-only-banner",
  shareOpen: "share-open",
  documentMenu: "document-menu",
  auditRow: "audit-row",
  accountMenu: "account-menu",
  signOut: "sign-out",
  signOutEverywhere: "sign-out-everywhere",
  signOutAndErase: "sign-out-and-erase",
  accountName: "account-name",
  accountEmail: "account-email",
  accountCurrentPassword: "account-current-password",
  accountNewPassword: "account-new-password",
  forgotEmail: "forgot-email",
  resetPassword: "reset-password",
  memberResetLink: "member-reset-link",
  resetLink: "reset-link",
  presencePanel: "presence-panel",
  presencePerson: "presence-person",
  presenceStatus: "presence-status",
  documentPresence: "document-presence",
  presenceAvatar: "presence-avatar",
  openDeliveryView: "open-delivery-view",
  deliveryView: "delivery-view",
  deliveryLimit: "delivery-limit",
  deliveryDownload: "delivery-download",
  rehearsalElapsed: "rehearsal-elapsed",
  rehearsalToggle: "rehearsal-toggle",
  rehearsalParagraph: "rehearsal-paragraph",
  wakeLock: "wake-lock",
  callsBoard: "calls-board",
  callForm: "call-form",
  callForum: "call-forum",
  callAgendaItem: "call-agenda-item",
  callVenue: "call-venue",
  callVenueZone: "call-venue-zone",
  callDeadline: "call-deadline",
  callSpeaker: "call-speaker",
  callCreateDraft: "call-create-draft",
  callDraftTitle: "call-draft-title",
  callTimeLimit: "call-time-limit",
  callLinkDraft: "call-link-draft",
  createCall: "create-call",
  callOpenNewDraft: "call-open-new-draft",
  callRow: "call-row",
  callDeadlineShown: "call-deadline-shown",
  callCountdown: "call-countdown",
  callDraftLink: "call-draft-link",
  callSpeakingTime: "call-speaking-time",
  callStatus: "call-status",
  callDelete: "call-delete",
  callEdit: "call-edit",
  callEditDialog: "call-edit-dialog",
  callEditForm: "call-edit-form",
  callEditSave: "call-edit-save",
  templatesPage: "templates-page",
  templateSection: "template-section",
  templateText: "template-text",
  templateSource: "template-source",
  templateSave: "template-save",
  templateReset: "template-reset",
  versionsOpen: "versions-open",
  versionsPanel: "versions-panel",
  versionsStatus: "versions-status",
  versionName: "version-name",
  versionNote: "version-note",
  versionSave: "version-save",
  versionRow: "version-row",
  versionOpen: "version-open",
  versionCompareCurrent: "version-compare-current",
  versionText: "version-text",
  versionRestore: "version-restore",
  versionsBack: "versions-back",
  compareFrom: "compare-from",
  compareTo: "compare-to",
  compareSubmit: "compare-submit",
  compareView: "compare-view",
  compareExport: "compare-export",
  diffInserted: "diff-inserted",
  diffDeleted: "diff-deleted",
  commentsPanel: "comments-panel",
  commentStart: "comment-start",
  commentInput: "comment-input",
  commentSubmit: "comment-submit",
  mentionOption: "mention-option",
  commentThread: "comment-thread",
  comment: "comment",
  commentBody: "comment-body",
  commentReply: "comment-reply",
  commentResolve: "comment-resolve",
  commentReopen: "comment-reopen",
  commentsEmpty: "comments-empty",
  commentsOffline: "comments-offline",
  sheetToggle: "sheet-toggle",
  suggestOnlyBanner: "suggest-only-banner",
  suggestMode: "suggest-mode",
  suggestToggle: "suggest-toggle",
  suggestRefusal: "suggest-refusal",
  suggestionsPanel: "suggestions-panel",
  suggestionItem: "suggestion-item",
  suggestionAccept: "suggestion-accept",
  suggestionReject: "suggestion-reject",
  suggestionAcceptAll: "suggestion-accept-all",
  suggestionRejectAll: "suggestion-reject-all",
  suggestionsStale: "suggestions-stale",
  authorshipToggle: "authorship-toggle",
  authorshipLegend: "authorship-legend",
  authorshipAuthor: "authorship-author",
} as const;
