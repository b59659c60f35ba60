import { Limits } from "@caucus/shared";
import { betterAuth } from "better-auth";
import { twoFactor } from "better-auth/plugins/two-factor";
import type { Logger } from "../logger.js";
import { SqlClientDialect } from "../platform/db/KyselyDialect.js";
import type { SqlClient } from "../platform/db/SqlClient.js";

export interface AuthOptions {
  db: SqlClient;
  secret: string;
  /** The public address, when known (`PUBLIC_URL`): cookies are Secure when it is https. */
  publicUrl: string | undefined;
  /** Origins allowed besides the server's own. */
  extraOrigins: string[];
  logger: Logger;
  /** Called after each new session (a sign-in), for the audit log. */
  onSignedIn(userId: string): Promise<void>;
  /** Called after each new account, to give the first one a workspace. */
  onSignedUp(userId: string): Promise<void>;
  /**
   * Called for every session that ends, whichever route ends it: signing
   * out, revoking one, some or all sessions, a password change that signs
   * the other devices out, an expired session found. Its sockets and
   * streams must close.
   */
  onSessionEnded(session: TSessionRef): Promise<void>;
  /**
   * Called when a route replaces the caller's own session with a new one
   * (see RENEWING_PATHS): the device carries on under the new session.
   */
  onSessionRenewed(previous: TSessionRef, next: TSessionRef): Promise<void>;
  /**
   * Mails a reset link when mail is set up; without it, request-password-reset
   * is refused. `acceptLanguage`: the request's header, which names the mail's language.
   */
  sendResetMail: ((email: string, token: string, acceptLanguage: string | null) => void) | undefined;
  /** Called after a password was reset by link (every session of the person has ended). */
  onPasswordReset(userId: string): Promise<void>;
}

/** A session as the hooks name it. */
export interface TSessionRef {
  id: string;
  userId: string;
}

/**
 * better-auth routes that end the caller's session and give them a new
 * one: a password change with `revokeOtherSessions`, and turning two-factor
 * on or off. Their old session's end is a renewal, not a sign-out.
 */
const RENEWING_PATHS = new Set([
  "/change-password",
  "/two-factor/enable",
  "/two-factor/disable",
  "/two-factor/verify-totp",
]);

/** The caller's session that `session` replaces or is, when a renewing route is running. */
function renewedSession(context: unknown): TSessionRef | undefined {
  const endpoint = context as
    | { path?: string; context?: { session?: { session?: TSessionRef } | null } }
    | null
    | undefined;
  if (!endpoint?.path || !RENEWING_PATHS.has(endpoint.path)) return undefined;
  return endpoint.context?.session?.session ?? undefined;
}

/** Session lifetime: a month, renewed daily while used. */
const SESSION_DAYS = 30;

/**
 * Accounts and sessions through better-auth: email + password (scrypt),
 * sessions stored server-side in the database and looked up on every
 * request (no cookie cache, so revoking a session takes effect at once),
 * optional TOTP. Its own rate limiter is off: ours in `rateLimits.ts`
 * counts wrong passwords, not sign-ins, and is tested at its edge.
 */
export function createAuth(options: AuthOptions) {
  const secure = options.publicUrl?.startsWith("https://") ?? false;
  return betterAuth({
    appName: "Caucus",
    basePath: "/api/auth",
    // Without PUBLIC_URL, whatever host the request names; the origin checks
    // (ours in app.ts, better-auth's against trustedOrigins) guard writes.
    baseURL: options.publicUrl ?? { allowedHosts: ["*"] },
    secret: options.secret,
    database: { dialect: new SqlClientDialect(options.db), type: "postgres", transaction: false },
    user: { modelName: "users" },
    session: {
      modelName: "sessions",
      expiresIn: SESSION_DAYS * 24 * 60 * 60,
      updateAge: 24 * 60 * 60,
      cookieCache: { enabled: false },
    },
    account: { modelName: "accounts" },
    // Reset tokens and the like are looked up by their SHA-256: the table never holds a usable token.
    verification: { modelName: "verifications", storeIdentifier: "hashed" },
    emailAndPassword: {
      enabled: true,
      minPasswordLength: Limits.minPasswordLength,
      maxPasswordLength: Limits.maxPasswordLength,
      // Sign-up signs no one in, so that it can answer alike whether or not
      // the address has an account (better-auth's "generic duplicate
      // response": a 200 with a made-up user, after hashing the password as
      // for a new one). The web app signs in next, as a person would.
      autoSignIn: false,
      // Forgotten passwords (PasswordResets.ts): a link that works once, for 30 minutes, and ends every session.
      ...(options.sendResetMail
        ? {
            sendResetPassword: async (
              { user, token }: { user: { email: string }; token: string },
              request?: Request,
            ) => options.sendResetMail?.(user.email, token, request?.headers.get("accept-language") ?? null),
          }
        : {}),
      resetPasswordTokenExpiresIn: Limits.passwordResetMinutes * 60,
      revokeSessionsOnPasswordReset: true,
      onPasswordReset: async ({ user }) => options.onPasswordReset(user.id),
    },
    trustedOrigins: (request) => [...options.extraOrigins, ...(request ? [ownOrigin(request)] : [])],
    rateLimit: { enabled: false },
    telemetry: { enabled: false },
    // Its messages go to our log, at warn and above (never request bodies).
    logger: {
      level: "warn",
      log: (level, message) => options.logger[level]({ source: "better-auth" }, message),
    },
    advanced: {
      cookiePrefix: "caucus",
      useSecureCookies: secure,
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax", secure },
      // Data minimisation: sessions do not keep the addresses members came from.
      ipAddress: { disableIpTracking: true },
    },
    // Sessions end through better-auth's adapter, which runs these hooks for
    // every row deleted: no route that ends a session can be forgotten.
    databaseHooks: {
      user: { create: { after: async (user) => options.onSignedUp(user.id) } },
      session: {
        create: {
          after: async (session, context) => {
            await options.onSignedIn(session.userId);
            const previous = renewedSession(context);
            if (previous && previous.id !== session.id && previous.userId === session.userId) {
              await options.onSessionRenewed(previous, session);
            }
          },
        },
        delete: {
          after: async (session, context) => {
            // The caller's own session in a renewing route: its successor's creation hands it over.
            if (renewedSession(context)?.id === session.id) return;
            await options.onSessionEnded(session);
          },
        },
      },
    },
    plugins: [twoFactor({ issuer: "Caucus", schema: { twoFactor: { modelName: "two_factors" } } })],
  });
}

export type Auth = ReturnType<typeof createAuth>;

/** `scheme://host` of the request itself: the server's own origin. */
export function ownOrigin(request: Request): string {
  const url = new URL(request.url);
  const host = request.headers.get("host") ?? url.host;
  return `${url.protocol}//${host}`;
}
