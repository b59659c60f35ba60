import type { TFunction } from "i18next";
import { ApiError, NETWORK_ERROR } from "./client";

/**
 * What to tell the person about a failed request: the server's own message
 * (written for people) when there is one, else what to do next.
 */
export function errorMessage(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    if (error.code === NETWORK_ERROR) return t("errors.network");
    if (error.message) return error.message;
  }
  return t("errors.unknown");
}
