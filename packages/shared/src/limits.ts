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
  /** Days a deleted document can still be restored. */
  restoreDays: 30,
} as const;
