/**
 * The signed-in person behind a request, and Hono's per-request variables
 * that carry it. Apart from session.ts, which reads them from better-auth,
 * so that the API's route types (apiType.ts) name nothing of better-auth.
 */

/** The signed-in person behind a request. */
export interface TAccount {
  userId: string;
  sessionId: string;
  name: string;
  email: string;
  twoFactorEnabled: boolean;
}

/** Hono's per-request variables: the account, set once by a middleware in app.ts. */
export interface TAppEnv {
  Variables: { account: TAccount | null };
}
