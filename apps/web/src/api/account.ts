import type { TMe } from "@caucus/shared";
import { jsonInit, request } from "./client";

/** better-auth's user as sign-up and sign-in return it; the app reads the rest from /api/me. */
interface TAuthUser {
  id: string;
  name: string;
  email: string;
}

/**
 * Asks for an account. The server answers alike whether or not the address
 * already has one (so that sign-up tells no stranger who has an account)
 * and signs no one in: {@link signIn} with the same email and password
 * follows, and works unless the address had an account with another password.
 */
export async function signUp(input: { name: string; email: string; password: string }): Promise<void> {
  await request<{ user: TAuthUser }>("/api/auth/sign-up/email", jsonInit("POST", input));
}

/** Either signed in, or the account has TOTP on and {@link verifyTotp} must follow. */
export type TSignInResult = { status: "signedIn" } | { status: "needsCode" };

export async function signIn(input: { email: string; password: string }): Promise<TSignInResult> {
  const answer = await request<{ twoFactorRedirect?: boolean } | null>(
    "/api/auth/sign-in/email",
    jsonInit("POST", input),
  );
  return answer?.twoFactorRedirect ? { status: "needsCode" } : { status: "signedIn" };
}

/**
 * Checks a code from an authenticator app: finishes a sign-in that asked for
 * one, or turns TOTP on after {@link enableTwoFactor}.
 */
export async function verifyTotp(code: string): Promise<void> {
  await request("/api/auth/two-factor/verify-totp", jsonInit("POST", { code }));
}

/** Ends this device's session. */
export async function signOut(): Promise<void> {
  await request("/api/auth/sign-out", jsonInit("POST", {}));
}

/** Ends every session of this person; their open sockets close within a second. */
export async function signOutEverywhere(): Promise<void> {
  await request<{ ok: true }>("/api/account/sign-out-everywhere", jsonInit("POST", {}));
}

/** Starts turning TOTP on: the URI for an authenticator app and one-time backup codes. */
export async function enableTwoFactor(password: string): Promise<{ totpURI: string; backupCodes: string[] }> {
  return request("/api/auth/two-factor/enable", jsonInit("POST", { password }));
}

export async function disableTwoFactor(password: string): Promise<void> {
  await request("/api/auth/two-factor/disable", jsonInit("POST", { password }));
}

/** The signed-in person and their workspaces; 401 when signed out. */
export async function getMe(): Promise<TMe> {
  return request<TMe>("/api/me");
}
