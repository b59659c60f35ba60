import { randomBytes } from "node:crypto";
import { Limits } from "@caucus/shared";
import { preferredUiLanguage } from "../http/acceptLanguage.js";
import type { Logger } from "../logger.js";
import type { Mailer } from "../platform/mail/Mailer.js";
import type { Auth } from "./createAuth.js";
import { resetMail } from "./resetMail.js";

/** How long a reset link works; it works once. */
const RESET_LINK_MINUTES = Limits.passwordResetMinutes;

/**
 * The page that sets a new password. The token rides in the fragment, which
 * a browser never sends: it stays out of server and proxy logs.
 */
export function resetLink(origin: string, token: string): string {
  return `${origin}/reset-password#token=${encodeURIComponent(token)}`;
}

/**
 * Ways back into a forgotten account. With mail (SMTP_URL), better-auth's
 * request-password-reset makes the token and {@link sendResetMail} mails the
 * link; without, an owner issues a link for a member ({@link issue}). Either
 * way the token is stored hashed (better-auth's `storeIdentifier: "hashed"`),
 * works once, for RESET_LINK_MINUTES, and using it ends every session.
 */
export class PasswordResets {
  private auth: Auth | undefined;

  constructor(
    private readonly options: {
      mailer: Mailer | undefined;
      /** PUBLIC_URL's origin: a mailed link is never built from a request's Host. */
      publicOrigin: string | undefined;
      logger: Logger;
    },
  ) {}

  /** better-auth, once created (it calls back into this object to send its mail). */
  useAuth(auth: Auth): void {
    this.auth = auth;
  }

  /** `mail`: people ask for a link on the sign-in page; `owner`: an owner issues one. */
  get mode(): "mail" | "owner" {
    return this.options.mailer ? "mail" : "owner";
  }

  /**
   * Mails a reset link, in the language the request prefers
   * (`acceptLanguage`: the web app sends the one its page is in) if it is
   * one of UI_LANGUAGES, else in English. Not awaited by the request: the
   * answer must take the same time whether or not the address has an account.
   */
  sendResetMail(email: string, token: string, acceptLanguage: string | null): void {
    const { mailer, publicOrigin, logger } = this.options;
    if (!mailer || !publicOrigin) return;
    const language = preferredUiLanguage(acceptLanguage) ?? "en";
    const link = resetLink(publicOrigin, token);
    mailer
      .send({ to: email, language, ...resetMail({ language, link, minutes: RESET_LINK_MINUTES }) })
      .catch((error: unknown) => logger.error({ err: error }, "a password reset mail could not be sent"));
  }

  /** A new one-time reset token for `userId` (the owner's path). */
  async issue(userId: string): Promise<{ token: string; expiresAt: Date }> {
    if (!this.auth) throw new Error("PasswordResets.useAuth was not called");
    const token = randomBytes(32).toString("base64url");
    const expiresAt = new Date(Date.now() + RESET_LINK_MINUTES * 60_000);
    const context = await this.auth.$context;
    await context.internalAdapter.createVerificationValue({
      identifier: `reset-password:${token}`,
      value: userId,
      expiresAt,
    });
    return { token, expiresAt };
  }
}
