import type { TMe, TUiLanguage } from "@caucus/shared";
import { api, authRequest, isRecord, read, unexpectedAnswer } from "./client";

/**
 * Asks for an account. The server answers alike whether or not the address
 * already has one (so that sign-up tells no stranger who has an account)
 * and signs no one in: {@link signIn} with the same email and password
 * follows, and works unless the address had an account with another password.
 */
export async function signUp(input: {
  name: string;
  email: string;
  password: string;
  /** An open invitation's token: what `SIGN_UP=invitation` asks of every account after the first. */
  invitationToken?: string;
}): Promise<void> {
  await authRequest("sign-up/email", input);
}

/** Either signed in, or the account has TOTP on and {@link verifyTotp} must follow. */
export type TSignInResult = { status: "signedIn" } | { status: "needsCode" };

export async function signIn(input: { email: string; password: string }): Promise<TSignInResult> {
  const answer = await authRequest("sign-in/email", input);
  return isRecord(answer) && answer.twoFactorRedirect ? { status: "needsCode" } : { status: "signedIn" };
}

/**
 * Checks a code from an authenticator app: finishes a sign-in that asked for
 * one, or turns TOTP on after {@link enableTwoFactor}.
 */
export async function verifyTotp(code: string): Promise<void> {
  await authRequest("two-factor/verify-totp", { code });
}

/** Ends this device's session. */
export async function signOut(): Promise<void> {
  await authRequest("sign-out");
}

/** Ends every session of this person; their open sockets close within a second. */
export async function signOutEverywhere(): Promise<void> {
  await api.account["sign-out-everywhere"].$post();
}

/** The name co-drafters see on this person's caret and comments. */
export async function changeName(name: string): Promise<void> {
  await read(api.account.name.$put({ json: { name } }));
}

/** A new sign-in address; the current password proves it is the person. */
export async function changeEmail(input: { email: string; currentPassword: string }): Promise<void> {
  await read(api.account.email.$put({ json: input }));
}

/**
 * A new password. Every other session of the person ends; this device
 * carries on under a new session (its cookie comes with the answer).
 */
export async function changePassword(input: { currentPassword: string; newPassword: string }): Promise<void> {
  await read(api.account.password.$put({ json: input }));
}

/**
 * Asks for a reset link by mail; the answer is the same whether or not the
 * address has an account. The mail is written in `language`, the one the
 * person is using here, not the browser's (as Accept-Language: better-auth's
 * body takes only its own fields); without one, the browser's.
 */
export async function requestPasswordReset(email: string, language: TUiLanguage | undefined): Promise<void> {
  await authRequest("request-password-reset", { email }, language ? { "Accept-Language": language } : {});
}

/** Sets a new password with a one-time reset link's token; every session of the account ends. */
export async function resetPassword(input: { token: string; newPassword: string }): Promise<void> {
  await authRequest("reset-password", input);
}

/** Starts turning TOTP on: the URI for an authenticator app and one-time backup codes. */
export async function enableTwoFactor(password: string): Promise<{ totpURI: string; backupCodes: string[] }> {
  const answer = await authRequest("two-factor/enable", { password });
  if (!isRecord(answer) || typeof answer.totpURI !== "string" || !Array.isArray(answer.backupCodes)) {
    throw unexpectedAnswer();
  }
  const backupCodes: unknown[] = answer.backupCodes;
  if (!backupCodes.every((code): code is string => typeof code === "string")) throw unexpectedAnswer();
  return { totpURI: answer.totpURI, backupCodes };
}

export async function disableTwoFactor(password: string): Promise<void> {
  await authRequest("two-factor/disable", { password });
}

/** The signed-in person and their workspaces; 401 when signed out. */
/**
 * Whether this install has no account yet (its first visitor creates one),
 * and whether new accounts need an invitation link.
 */
export async function getInstall(): Promise<{
  firstAccount: boolean;
  signUp: "open" | "invitation";
  passwordReset: "mail" | "owner";
}> {
  return read(api.install.$get());
}

export async function getMe(): Promise<TMe> {
  return read(api.me.$get());
}
