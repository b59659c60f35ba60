/**
 * Default limits. The server reads its own values from the environment
 * (see apps/server/src/env.ts); these are the documented defaults.
 */
export const Limits = {
  /** Largest single socket frame, in bytes. Larger closes with 1009. */
  maxMessageBytes: 1024 * 1024,
  /** Largest encoded document state, in bytes. */
  maxDocumentBytes: 8 * 1024 * 1024,
  /** Longest document title, in characters. */
  maxTitleLength: 200,
  /** How far storage may run behind the live document, in milliseconds. */
  storeDelayMs: 250,
  /** Longest workspace name, in characters. */
  maxWorkspaceNameLength: 100,
  /** How long an invitation link lasts unless the inviter chooses. */
  defaultInvitationHours: 7 * 24,
  /** The longest an invitation link may last. */
  maxInvitationHours: 30 * 24,
  /** How long a sync token (`POST /api/documents/:id/sync-token`) can open a socket. */
  syncTokenSeconds: 300,
  /** Wrong passwords from one address in a minute before sign-in is throttled. */
  signInFailuresPerMinute: 10,
  /** Invitations one person may create in an hour. */
  invitationsPerHour: 60,
  /** Shortest password accepted at sign-up. */
  minPasswordLength: 10,
  /** Days a deleted document can still be restored. */
  restoreDays: 30,
} as const;
