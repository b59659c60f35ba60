import { Limits } from "@caucus/shared";
import { betterAuth } from "better-auth";
import { twoFactor } from "better-auth/plugins/two-factor";
import type { Logger } from "../logger.js";
import { SqlClientDialect } from "../storage/KyselyDialect.js";
import type { SqlClient } from "../storage/SqlClient.js";

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
    verification: { modelName: "verifications" },
    emailAndPassword: {
      enabled: true,
      minPasswordLength: Limits.minPasswordLength,
      maxPasswordLength: 256,
      // Sign-up signs no one in, so that it can answer alike whether or not
      // the address has an account (better-auth's "generic duplicate
      // response": a 200 with a made-up user, after hashing the password as
      // for a new one). The web app signs in next, as a person would.
      autoSignIn: false,
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
    databaseHooks: {
      user: { create: { after: async (user) => options.onSignedUp(user.id) } },
      session: { create: { after: async (session) => options.onSignedIn(session.userId) } },
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
