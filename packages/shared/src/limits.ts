/**
 * Default limits. The server reads its own values from the environment
 * (see apps/server/src/env.ts); these are the documented defaults.
 */
export const Limits = {
  /**
   * Largest HTTP request body, in bytes, for every API route but a
   * template's (which holds up to twice MAX_TEMPLATE_BYTES). A comment, the
   * largest other body, is under 20 KiB. Larger answers 413 before it is
   * read whole.
   */
  maxRequestBytes: 64 * 1024,
  /** Largest single socket frame, in bytes. Larger closes with 1009. */
  maxMessageBytes: 1024 * 1024,
  /** Largest encoded document state, in bytes. */
  maxDocumentBytes: 8 * 1024 * 1024,
  /** Longest document title, in characters. */
  maxTitleLength: 200,
  /** How far storage may run behind the live document, in milliseconds. */
  storeDelayMs: 250,
  /** Longest name of a person (shown on their caret), in characters. */
  maxPersonNameLength: 100,
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
  /** Shortest password accepted at sign-up and on a change. */
  minPasswordLength: 10,
  /** Longest password accepted (better-auth's own bound is the same). */
  maxPasswordLength: 256,
  /** Longest email address (RFC 5321's path limit). */
  maxEmailLength: 254,
  /** How long a password reset link works (once). */
  passwordResetMinutes: 30,
  /** Changes of name, email or password one person may make in an hour. */
  accountChangesPerHour: 20,
  /**
   * Frames one sync socket may send per second, in bursts of ten seconds'
   * worth. A fast typist sends about 20 (an edit and a caret move per key).
   * Over it, the socket closes with 1013.
   */
  syncMessagesPerSecond: 200,
  /** Bytes one sync socket may send per second, in bursts of eight seconds' worth (at least one largest frame). */
  syncBytesPerSecond: 1024 * 1024,
  /**
   * Bytes of answers to sync step 1 (the document, or what the asker
   * lacks of it) one socket may be sent per second, in bursts of two whole
   * documents (2 x MAX_DOCUMENT_BYTES). A client asks for the whole
   * document once per socket and afterwards only for what it lacks, so a
   * socket past this is asking for the same 8 MiB again and again.
   */
  syncAnswerBytesPerSecond: 64 * 1024,
  /**
   * Frames all the sockets of one client address may send per second
   * together, in bursts of ten seconds' worth: room for a conference hall
   * of a hundred typists behind one NAT address, with headroom.
   */
  addressMessagesPerSecond: 5_000,
  /** Sync sockets one client address may hold open on one server instance. */
  connectionsPerAddress: 500,
  /** Sync sockets one client address may try to open per minute (all at once after a network blip). */
  connectionAttemptsPerMinute: 600,
  /** Documents one server instance holds in memory; a socket for another one waits (1013). */
  maxLoadedDocuments: 5_000,
  /** Caret and name changes of one socket sent on per second; more are coalesced, never dropped. */
  awarenessUpdatesPerSecond: 10,
  /** Largest caret-and-name message, in bytes. Larger closes with 1009. */
  maxAwarenessBytes: 32 * 1024,
  /** Awareness client ids one socket may announce (one per editor in a tab). Over it closes with 1008. */
  maxAwarenessClients: 4,
  /**
   * Yjs client ids one sync socket may write under for the first time on a
   * document (each becomes a row of whose it is). A tab writes under one,
   * plus one per earlier offline page load whose edits it still holds.
   */
  maxNewClientIdsPerSocket: 64,
  /** Days a deleted document can still be restored. */
  restoreDays: 30,
} as const;
