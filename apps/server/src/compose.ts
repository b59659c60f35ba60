import { randomUUID } from "node:crypto";
import { type AccessChanges, LocalAccessChanges } from "./auth/AccessChanges.js";
import { createAuth } from "./auth/createAuth.js";
import type { TAccountDeps } from "./auth/deps.js";
import type { OriginPolicy } from "./auth/origin.js";
import { PasswordResets } from "./auth/PasswordResets.js";
import { RedisAccessChanges } from "./auth/RedisAccessChanges.js";
import { RateLimits } from "./auth/rateLimits.js";
import { SignUpPolicy } from "./auth/SignUpPolicy.js";
import { serverSecret } from "./auth/serverSecret.js";
import { SyncTokens } from "./auth/syncToken.js";
import { type BoardChanges, LocalBoardChanges } from "./calls/BoardChanges.js";
import { CallRepository } from "./calls/CallRepository.js";
import { DraftEstimates } from "./calls/DraftEstimates.js";
import type { TCallsDeps } from "./calls/deps.js";
import { RedisBoardChanges } from "./calls/RedisBoardChanges.js";
import { type CommentChanges, LocalCommentChanges, RedisCommentChanges } from "./comments/CommentChanges.js";
import { CommentRepository } from "./comments/CommentRepository.js";
import type { TCommentDeps } from "./comments/deps.js";
import { DocumentRepository } from "./documents/DocumentRepository.js";
import type { TDocumentDeps } from "./documents/deps.js";
import { GrantRepository } from "./documents/GrantRepository.js";
import type { TEnv } from "./env.js";
import type { TInvitationDeps } from "./invitations/deps.js";
import { InvitationRepository } from "./invitations/InvitationRepository.js";
import type { Logger } from "./logger.js";
import type { SqlClient } from "./platform/db/SqlClient.js";
import { createSmtpMailer } from "./platform/mail/Mailer.js";
import type { TPresenceDeps } from "./presence/deps.js";
import { LocalPresence } from "./presence/LocalPresence.js";
import type { PresenceService } from "./presence/PresenceService.js";
import { RedisPresence } from "./presence/RedisPresence.js";
import { SocketPresence } from "./presence/SocketPresence.js";
import { OpenStreams } from "./streams/OpenStreams.js";
import { mayStillFollow } from "./streams/policy.js";
import { type DocumentFanout, SoloFanout } from "./sync/DocumentFanout.js";
import { RedisDocumentFanout } from "./sync/RedisDocumentFanout.js";
import type { TRoomHookRegistry } from "./sync/RoomHooks.js";
import { UpdateLog } from "./sync/UpdateLog.js";
import type { TTemplateDeps } from "./templates/deps.js";
import { TemplateRepository } from "./templates/TemplateRepository.js";
import { AutoVersions } from "./versions/AutoVersions.js";
import type { TVersionDeps } from "./versions/deps.js";
import { takeAutomaticVersion } from "./versions/takeAutomaticVersion.js";
import { VersionRepository } from "./versions/VersionRepository.js";
import { AuditLog } from "./workspaces/AuditLog.js";
import type { TWorkspaceDeps } from "./workspaces/deps.js";
import { provisionFirstWorkspace } from "./workspaces/provisionFirstWorkspace.js";
import { WorkspaceRepository } from "./workspaces/WorkspaceRepository.js";

/** Everything the features declare they need (each in its own `deps.ts`), built once here. */
export type TFeatureDeps = TAccountDeps &
  TCallsDeps &
  TCommentDeps &
  TDocumentDeps &
  TInvitationDeps &
  TPresenceDeps &
  TTemplateDeps &
  TVersionDeps &
  TWorkspaceDeps;

type TAccessEnv = Pick<
  TEnv,
  | "PUBLIC_URL"
  | "ALLOWED_ORIGINS"
  | "AUTH_SECRET"
  | "TRUST_PROXY"
  | "SIGN_IN_FAILURES_PER_MINUTE"
  | "SIGN_UPS_PER_HOUR"
  | "INVITATIONS_PER_HOUR"
  | "INVITATION_LOOKUPS_PER_MINUTE"
  | "PRESENCE_REPORTS_PER_MINUTE"
  | "ACCOUNT_CHANGES_PER_HOUR"
  | "SIGN_UP"
  | "SMTP_URL"
  | "PASSWORD_RESET_REQUESTS_PER_HOUR"
  | "MAIL_FROM"
  | "STREAMS_PER_PERSON"
  | "STREAMS_PER_ADDRESS"
  | "SYNC_TOKEN_SECONDS"
  | "REDIS_URL"
  | "PRESENCE_TTL_MS"
  | "AUTO_VERSION_QUIET_MS"
>;

/**
 * Builds the repositories, accounts, limits, the rights-change bus and
 * presence on an open database; `withSync` completes the service context
 * once the sync server (which needs some of these) exists. With REDIS_URL
 * the bus and presence are shared with the other instances through Redis,
 * else they live in this process (and the Redis client's code is never
 * loaded: about 20 MB of a small server). Shared by server.ts and the in-process
 * route tests, so both run the same wiring.
 */
export async function composeServices(db: SqlClient, env: TAccessEnv, logger: Logger) {
  const documents = new DocumentRepository(db);
  const workspaces = new WorkspaceRepository(db);
  const audit = new AuditLog(db);
  // One id per process: tags what this instance publishes so it can skip the echo.
  const instanceId = randomUUID();
  const redis = env.REDIS_URL
    ? new (await import("./platform/redis/RedisConnection.js")).RedisConnection(env.REDIS_URL, logger)
    : undefined;
  const redisAccessChanges = redis && new RedisAccessChanges(redis, logger, { instanceId });
  const accessChanges: AccessChanges = redisAccessChanges ?? new LocalAccessChanges();
  const fanout: DocumentFanout = redis
    ? new RedisDocumentFanout(redis, logger, { instanceId })
    : new SoloFanout();
  const presence: PresenceService = redis
    ? new RedisPresence(redis, logger, { ttlMs: env.PRESENCE_TTL_MS, instanceId })
    : new LocalPresence({ ttlMs: env.PRESENCE_TTL_MS, logger });
  const board: BoardChanges = redis
    ? new RedisBoardChanges(redis, logger, { instanceId })
    : new LocalBoardChanges(logger);
  const commentChanges: CommentChanges = redis
    ? new RedisCommentChanges(redis, logger, { instanceId })
    : new LocalCommentChanges(logger);
  const calls = new CallRepository(db);
  const updates = new UpdateLog(db);
  const invitations = new InvitationRepository(db);
  const signUps = new SignUpPolicy(env.SIGN_UP, { workspaces, invitations });
  let estimates: DraftEstimates | undefined;
  let autoVersions: AutoVersions | undefined;
  let socketPresence: SocketPresence | undefined;
  const secret = await serverSecret(db, env.AUTH_SECRET);
  const syncTokens = new SyncTokens(secret, env.SYNC_TOKEN_SECONDS);
  const origins: OriginPolicy = {
    publicOrigin: env.PUBLIC_URL ? new URL(env.PUBLIC_URL).origin : undefined,
    extraOrigins: env.ALLOWED_ORIGINS,
  };
  const publicOrigin = env.PUBLIC_URL ? new URL(env.PUBLIC_URL).origin : undefined;
  const mailer =
    env.SMTP_URL && env.PUBLIC_URL
      ? await createSmtpMailer({
          url: env.SMTP_URL,
          from: env.MAIL_FROM ?? `Caucus <caucus@${new URL(env.PUBLIC_URL).hostname}>`,
          logger,
        })
      : undefined;
  const passwordResets = new PasswordResets({ mailer, publicOrigin, logger });
  const auth = createAuth({
    db,
    secret,
    publicUrl: env.PUBLIC_URL,
    extraOrigins: env.ALLOWED_ORIGINS,
    logger,
    onSignedUp: (userId) => provisionFirstWorkspace({ workspaces, audit, documents, logger }, userId),
    onSignedIn: (userId) => audit.recordForMember(userId, "signed_in"),
    onSessionEnded: ({ id, userId }) =>
      accessChanges.publish({ userId, sessionId: id, reason: "signed_out" }),
    sendResetMail: mailer
      ? (email, token, acceptLanguage) => passwordResets.sendResetMail(email, token, acceptLanguage)
      : undefined,
    onPasswordReset: async (userId) => {
      await accessChanges.publish({ userId, reason: "signed_out" });
      await audit.recordForMember(userId, "password_reset");
    },
    onSessionRenewed: (previous, next) =>
      accessChanges.publish({
        userId: previous.userId,
        sessionId: previous.id,
        renewedAs: next.id,
        reason: "session_renewed",
      }),
  });
  passwordResets.useAuth(auth);
  const limits = new RateLimits({
    signInFailuresPerMinute: env.SIGN_IN_FAILURES_PER_MINUTE,
    signUpsPerHour: env.SIGN_UPS_PER_HOUR,
    invitationsPerHour: env.INVITATIONS_PER_HOUR,
    invitationLookupsPerMinute: env.INVITATION_LOOKUPS_PER_MINUTE,
    presenceReportsPerMinute: env.PRESENCE_REPORTS_PER_MINUTE,
    accountChangesPerHour: env.ACCOUNT_CHANGES_PER_HOUR,
    passwordResetRequestsPerHour: env.PASSWORD_RESET_REQUESTS_PER_HOUR,
    trustProxy: env.TRUST_PROXY,
  });
  const streams = new OpenStreams({
    accessChanges,
    stillAllowed: (holder, scope) => mayStillFollow(db, workspaces, holder, scope),
    limits: { perPerson: env.STREAMS_PER_PERSON, perAddress: env.STREAMS_PER_ADDRESS },
    addressOf: (c) => limits.clientAddress(c),
    logger,
  });
  return {
    auth,
    limits,
    origins,
    signUps,
    passwordResets,
    /** Undefined when REDIS_URL is unset. */
    redis,
    presence,
    /** Document edits and carets between instances (nobody to tell without Redis). */
    fanout,
    /** Stops presence and the bus and closes Redis; after the sync server has closed. */
    async close(): Promise<void> {
      streams.close();
      estimates?.close();
      autoVersions?.close();
      socketPresence?.close();
      await board.close();
      await commentChanges.close();
      await presence.close();
      await redisAccessChanges?.close();
      await redis?.close();
    },
    withSync(sync: TDocumentDeps["sync"] & TRoomHookRegistry): TFeatureDeps {
      estimates = new DraftEstimates({
        calls,
        updates,
        board,
        loadedDocument: (documentId) => sync.loadedDocument(documentId),
        logger,
      });
      const versions = new VersionRepository(db);
      autoVersions = new AutoVersions({
        quietMs: env.AUTO_VERSION_QUIET_MS,
        take: (documentId) => takeAutomaticVersion({ versions, sync, updates }, documentId),
        logger,
      });
      // Both hear every edit of a loaded room through their room hooks.
      sync.register(estimates);
      sync.register(autoVersions);
      // Tabs with a document open keep their presence through its socket.
      socketPresence = new SocketPresence(presence, logger);
      sync.register(socketPresence);
      return {
        db,
        documents,
        updates,
        workspaces,
        grants: new GrantRepository(db),
        invitations,
        passwordResets,
        publicOrigin,
        audit,
        accessChanges,
        syncTokens,
        presence,
        calls,
        templates: new TemplateRepository(db),
        board,
        estimates,
        versions,
        autoVersions,
        comments: new CommentRepository(db),
        commentChanges,
        streams,
        sync,
        logger,
      };
    },
    parts: { documents, audit, accessChanges, syncTokens, presence, streams },
  };
}
