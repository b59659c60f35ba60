import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ApiError, InvalidInputError } from "../errors.js";
import type { RateLimits } from "./rateLimits.js";

/**
 * better-auth routes that check the account's password, each one a way to
 * guess it: signing in, and the signed-in person's sensitive changes
 * (delete-user and verify-password are off or server-only here, and listed
 * so that turning them on keeps them counted).
 */
const PASSWORD_ROUTES = [
  "/sign-in/email",
  "/change-password",
  "/two-factor/enable",
  "/two-factor/disable",
  "/two-factor/get-totp-uri",
  "/two-factor/generate-backup-codes",
  "/delete-user",
  "/verify-password",
];

/** Whether a request to `path` (under /api/auth) has better-auth check a password. */
export function checksPassword(method: string, path: string): boolean {
  return method === "POST" && PASSWORD_ROUTES.some((route) => path.endsWith(route));
}

/**
 * Runs a password-checking route under the sign-in limit: past
 * SIGN_IN_FAILURES_PER_MINUTE wrong passwords from this address in a
 * minute, 429 before the password is checked; each wrong one counts,
 * whichever of these routes it was sent to.
 */
export async function limitPasswordGuesses(
  c: Context,
  limits: RateLimits,
  run: () => Promise<Response>,
): Promise<Response> {
  if (!checksPassword(c.req.method, c.req.path)) return run();
  const address = limits.clientAddress(c);
  await limits.checkSignIn(address);
  const response = await run();
  if (await isWrongPassword(response)) await limits.recordSignInFailure(address);
  return response;
}

/**
 * Runs one of our routes' better-auth calls that checks the current
 * password (`asResponse`), under the same limit as sign-in: a wrong one
 * counts, and is a 400 on the field; another refusal keeps its status and
 * message. Returns the answer when it succeeded.
 */
export async function passwordChecked(
  limits: RateLimits,
  address: string,
  run: () => Promise<Response>,
): Promise<Response> {
  await limits.checkSignIn(address);
  const response = await run();
  if (response.ok) return response;
  if (await isWrongPassword(response)) {
    await limits.recordSignInFailure(address);
    const message = "That is not your current password.";
    throw new InvalidInputError([{ path: "currentPassword", message }], message);
  }
  const body = (await response.json().catch(() => null)) as { code?: unknown; message?: unknown } | null;
  throw new ApiError(
    response.status as ContentfulStatusCode,
    typeof body?.code === "string" ? body.code.toLowerCase() : "refused",
    typeof body?.message === "string" ? body.message : "The change was refused.",
  );
}

/** better-auth's codes for a wrong password: sign-in's does not say whether the address exists. */
const WRONG_PASSWORD = new Set(["INVALID_EMAIL_OR_PASSWORD", "INVALID_PASSWORD"]);

async function isWrongPassword(response: Response): Promise<boolean> {
  if (response.status !== 400 && response.status !== 401) return false;
  const body = (await response
    .clone()
    .json()
    .catch(() => null)) as { code?: unknown } | null;
  return typeof body?.code === "string" && WRONG_PASSWORD.has(body.code);
}
