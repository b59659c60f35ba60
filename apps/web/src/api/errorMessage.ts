import { Limits } from "@caucus/shared";
import type { TFunction } from "i18next";
import { ApiError, NETWORK_ERROR } from "./client";

/** The server's error codes (apps/server/src/errors.ts and app.ts) and what each tells the person. */
const CODE_KEYS: Record<string, string> = {
  [NETWORK_ERROR]: "errors.network",
  bad_request: "errors.badRequest",
  not_found: "errors.notFound",
  internal: "errors.internal",
  storage_unavailable: "errors.storageUnavailable",
};

/** For an answer with no code we know, such as a proxy's error page. */
const STATUS_KEYS: Record<number, string> = {
  400: "errors.badRequest",
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
    return t("errors.invalidInput");
  }
  const key = CODE_KEYS[error.code] ?? STATUS_KEYS[error.status];
  if (key) return t(key);
  return error.message || t("errors.unknown");
}
