import { describe, expect, it } from "vitest";
import en from "../i18n/en.json";
import es from "../i18n/es.json";
import { createTranslator } from "../i18n/translator";
import { ApiError, NETWORK_ERROR } from "./client";
import { errorMessage } from "./errorMessage";

const i18n = createTranslator("en", { en, es });
const english = i18n.getFixedT("en");
const spanish = i18n.getFixedT("es");

/** An error as client.ts builds it from the server's `{ error: { code, message, details } }`. */
function serverError(status: number, code: string, message = "An English sentence.", details?: unknown) {
  return new ApiError(message, status, code, details);
}

describe("errorMessage", () => {
  it.each([
    ["a network failure", new ApiError("", 0, NETWORK_ERROR), en.errors.network, es.errors.network],
    ["bad_request", serverError(400, "bad_request"), en.errors.badRequest, es.errors.badRequest],
    ["not_found", serverError(404, "not_found"), en.errors.notFound, es.errors.notFound],
    ["internal", serverError(500, "internal"), en.errors.internal, es.errors.internal],
    [
      "storage_unavailable",
      serverError(503, "storage_unavailable"),
      en.errors.storageUnavailable,
      es.errors.storageUnavailable,
    ],
    [
      "invalid_input on another field",
      serverError(400, "invalid_input", "Invalid option", [{ path: "kind", message: "Invalid option" }]),
      en.errors.invalidInput,
      es.errors.invalidInput,
    ],
    [
      "a proxy's 502 with no code",
      serverError(502, "http502", ""),
      en.errors.unavailable,
      es.errors.unavailable,
    ],
    [
      "an unknown code on a known status",
      serverError(404, "member_missing"),
      en.errors.notFound,
      es.errors.notFound,
    ],
    [
      "something that is not an API error",
      new TypeError("x is undefined"),
      en.errors.unknown,
      es.errors.unknown,
    ],
  ])("translates %s", (_case, error, inEnglish, inSpanish) => {
    expect(errorMessage(error, english)).toBe(inEnglish);
    expect(errorMessage(error, spanish)).toBe(inSpanish);
  });

  it("gives the title rule for an invalid title, with the limit filled in", () => {
    const error = serverError(400, "invalid_input", "Keep the title under 200 characters.", [
      { path: "title", message: "Keep the title under 200 characters." },
    ]);
    expect(errorMessage(error, english)).toBe(
      "A title needs between 1 and 200 characters. Shorten it or fill it in, then try again.",
    );
    expect(errorMessage(error, spanish)).toBe(
      "El título debe tener entre 1 y 200 caracteres. Acórtalo o complétalo y vuelve a intentarlo.",
    );
  });

  it("treats a document id that is not a UUID as a link to no document", () => {
    const error = serverError(400, "invalid_input", "Invalid UUID", [
      { path: "id", message: "Invalid UUID" },
    ]);
    expect(errorMessage(error, english)).toBe(en.errors.notFound);
    expect(errorMessage(error, spanish)).toBe(es.errors.notFound);
  });

  it("shows the server's own message only for a code and status it does not know", () => {
    const error = serverError(409, "title_taken", "A document with that title exists.");
    expect(errorMessage(error, spanish)).toBe("A document with that title exists.");
    expect(errorMessage(serverError(409, "title_taken", ""), spanish)).toBe(es.errors.unknown);
  });
});

describe("errorMessage for accounts and workspaces", () => {
  it.each([
    ["unauthorized", serverError(401, "unauthorized"), en.errors.unauthorized],
    ["forbidden", serverError(403, "forbidden"), en.errors.forbidden],
    ["bad_origin", serverError(403, "bad_origin"), en.errors.badOrigin],
    ["last_owner", serverError(409, "last_owner"), en.errors.lastOwner],
    ["invitation_not_found", serverError(404, "invitation_not_found"), en.errors.invitationNotFound],
    ["better-auth's USER_ALREADY_EXISTS", serverError(422, "USER_ALREADY_EXISTS"), en.errors.userExists],
    [
      "better-auth's USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL",
      serverError(422, "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL"),
      en.errors.userExists,
    ],
    [
      "a wrong password at sign-in",
      serverError(401, "INVALID_EMAIL_OR_PASSWORD"),
      en.errors.invalidEmailOrPassword,
    ],
    ["a wrong TOTP code", serverError(401, "INVALID_CODE"), en.errors.invalidCode],
    ["a throttle without Retry-After", serverError(429, "rate_limited"), en.errors.rateLimited],
  ])("translates %s", (_case, error, inEnglish) => {
    expect(errorMessage(error, english)).toBe(inEnglish);
    expect(errorMessage(error, spanish)).not.toBe(inEnglish);
  });

  it("says how long to wait when the throttle said", () => {
    const error = new ApiError("Too many attempts.", 429, "rate_limited", undefined, 45);
    expect(errorMessage(error, english)).toBe("Too many attempts. Wait 45 seconds, then try again.");
    expect(errorMessage(error, spanish)).toBe(
      "Demasiados intentos. Espera 45 segundos y vuelve a intentarlo.",
    );
  });

  it("fills in the password rule", () => {
    const error = serverError(400, "PASSWORD_TOO_SHORT", "Password too short");
    expect(errorMessage(error, english)).toContain("10");
    expect(errorMessage(error, spanish)).toContain("10");
  });
});
