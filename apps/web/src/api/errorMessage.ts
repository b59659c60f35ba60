import { Limits, MAX_TEMPLATE_BYTES } from "@caucus/shared";
import type { TFunction } from "../i18n";
import { ApiError, NETWORK_ERROR } from "./client";

/**
 * The server's error codes (apps/server/src/errors.ts and app.ts) and
 * better-auth's (upper case, from /api/auth), and what each tells the person.
 */
const CODE_KEYS: Record<string, string> = {
  [NETWORK_ERROR]: "errors.network",
  bad_request: "errors.badRequest",
  not_found: "errors.notFound",
  internal: "errors.internal",
  storage_unavailable: "errors.storageUnavailable",
  unauthorized: "errors.unauthorized",
  forbidden: "errors.forbidden",
  bad_origin: "errors.badOrigin",
  last_owner: "errors.lastOwner",
  too_many_calls: "errors.tooManyCalls",
  too_many_versions: "errors.tooManyVersions",
  invitation_not_found: "errors.invitationNotFound",
  email_taken: "errors.emailTaken",
  invitation_required: "errors.invitationRequired",
  INVALID_TOKEN: "errors.resetLinkDead",
  reset_by_mail: "errors.resetByMail",
  own_account: "errors.ownAccount",
  member_elsewhere: "errors.memberElsewhere",
  USER_ALREADY_EXISTS: "errors.userExists",
  USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL: "errors.userExists",
  PASSWORD_TOO_LONG: "errors.passwordTooLong",
  INVALID_EMAIL: "errors.invalidEmail",
  INVALID_EMAIL_OR_PASSWORD: "errors.invalidEmailOrPassword",
  INVALID_PASSWORD: "errors.invalidPassword",
  INVALID_CODE: "errors.invalidCode",
  INVALID_TWO_FACTOR_COOKIE: "errors.twoFactorExpired",
  TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE: "errors.twoFactorExpired",
};

/** For an answer with no code we know, such as a proxy's error page. */
const STATUS_KEYS: Record<number, string> = {
  400: "errors.badRequest",
  401: "errors.unauthorized",
  403: "errors.forbidden",
  404: "errors.notFound",
  429: "errors.busy",
  500: "errors.internal",
  502: "errors.unavailable",
  503: "errors.unavailable",
  504: "errors.unavailable",
};

/** The request fields that `invalid_input` details name, as `{ path, message }`. */
function invalidPaths(details: unknown): string[] {
  if (!Array.isArray(details)) return [];
  return details
    .map((detail: { path?: unknown } | null) => detail?.path)
    .filter((path): path is string => typeof path === "string");
}

/**
 * What to tell the person about a failed request, in their language: what
 * happened and what to do next. The server's own message is English, so it
 * is shown only for a code and status this app does not know yet.
 */
export function errorMessage(error: unknown, t: TFunction): string {
  if (!(error instanceof ApiError)) return t("errors.unknown");
  if (error.code === "invalid_input") {
    const paths = invalidPaths(error.details);
    // The id comes from the address (/d/:id): a malformed one is a link to no document.
    if (paths.includes("id")) return t("errors.notFound");
    if (paths.includes("title")) return t("errors.titleRule", { max: Limits.maxTitleLength });
    if (paths.includes("currentPassword")) return t("errors.invalidPassword");
    if (paths.includes("password") || paths.includes("newPassword"))
      return t("errors.passwordTooShort", { min: Limits.minPasswordLength });
    if (paths.includes("name")) return t("errors.nameRule", { max: Limits.maxPersonNameLength });
    if (paths.includes("email")) return t("errors.invalidEmail");
    if (paths.includes("content")) return t("errors.templateRule", { max: MAX_TEMPLATE_BYTES / 1024 });
    return t("errors.invalidInput");
  }
  if (error.code === "rate_limited") {
    return error.retryAfter
      ? t("errors.rateLimitedFor", { count: error.retryAfter })
      : t("errors.rateLimited");
  }
  if (error.code === "PASSWORD_TOO_SHORT")
    return t("errors.passwordTooShort", { min: Limits.minPasswordLength });
  const key = CODE_KEYS[error.code] ?? STATUS_KEYS[error.status];
  if (key) return t(key);
  return error.message || t("errors.unknown");
}
