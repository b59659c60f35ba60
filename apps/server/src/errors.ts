import type { ContentfulStatusCode } from "hono/utils/http-status";

/**
 * A failure the client can act on: a stable `code` for programs, a sentence
 * for people, and the HTTP status. Anything else becomes a 500 whose details
 * stay in the server log.
 */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export class InvalidInputError extends ApiError {
  constructor(details: unknown, message = "Some fields are not valid; see details.") {
    super(400, "invalid_input", message, details);
  }
}

export class NotFoundError extends ApiError {
  constructor(what: string) {
    super(404, "not_found", `${what} was not found. It may have been deleted; check the link.`);
  }
}

export class ConflictError extends ApiError {
  constructor(code: string, message: string) {
    super(409, code, message);
  }
}

export class StorageUnavailableError extends ApiError {
  constructor() {
    super(503, "storage_unavailable", "The database is not answering. Try again in a minute.");
  }
}

export class UnauthorizedError extends ApiError {
  constructor() {
    super(401, "unauthorized", "You are not signed in, or your session ended. Sign in again.");
  }
}

export class ForbiddenError extends ApiError {
  constructor(message = "Your role does not allow this. Ask an owner of the workspace for access.") {
    super(403, "forbidden", message);
  }
}

/** A request without a Host header that names a host (HTTP/1.1 requires one; Node lets it through). */
export class BadHostError extends ApiError {
  constructor() {
    super(400, "bad_host", "This request has no usable Host header. Send the server's own host name.");
  }
}

export class BadOriginError extends ApiError {
  constructor() {
    super(
      403,
      "bad_origin",
      "This request came from another site and was refused. Use Caucus from its own address.",
    );
  }
}

export class RateLimitedError extends ApiError {
  constructor(
    readonly retryAfterSeconds: number,
    message = "Too many attempts. Wait a minute and try again.",
  ) {
    super(429, "rate_limited", message, { retryAfterSeconds });
  }
}

export class PayloadTooLargeError extends ApiError {
  constructor(maxBytes: number) {
    super(
      413,
      "payload_too_large",
      `The request is larger than this server takes (${Math.floor(maxBytes / 1024)} KiB). Send less at once.`,
      { maxBytes },
    );
  }
}
