import { MAX_TEMPLATE_BYTES } from "@caucus/shared";
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { PayloadTooLargeError } from "../errors.js";

/**
 * A template's editor JSON may be MAX_TEMPLATE_BYTES once parsed; twice that
 * leaves room for how a client spells it (whitespace, `\u` escapes), and the
 * schema then checks the exact size.
 */
export const TEMPLATE_REQUEST_BYTES = 2 * MAX_TEMPLATE_BYTES;

/** `PUT /api/workspaces/:workspaceId/templates/:kind`, the one route that takes more. */
const TEMPLATE_PATH = /\/workspaces\/[^/]+\/templates\/[^/]+$/;

/**
 * Refuses a request body over `maxBytes` (413, the error shape) before
 * anything reads it whole: by its Content-Length when it has one, else by
 * counting a chunked body as it arrives. Saving a template may send up to
 * {@link TEMPLATE_REQUEST_BYTES}.
 */
export function requestBodyLimit(maxBytes: number): MiddlewareHandler {
  const everyRoute = limitTo(maxBytes);
  const templateLimit = Math.max(maxBytes, TEMPLATE_REQUEST_BYTES);
  const templates = limitTo(templateLimit);
  return (c, next) =>
    c.req.method === "PUT" && TEMPLATE_PATH.test(c.req.path) ? templates(c, next) : everyRoute(c, next);
}

function limitTo(maxBytes: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new PayloadTooLargeError(maxBytes);
    },
  });
}
