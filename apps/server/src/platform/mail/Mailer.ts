import type { Logger } from "../../logger.js";

/** One plain-text mail. */
export interface TMail {
  to: string;
  /** BCP 47 tag of the language it is written in (its Content-Language). */
  language: string;
  subject: string;
  text: string;
}

/** Sends Caucus's mail (password resets); absent when SMTP_URL is unset. */
export interface Mailer {
  send(mail: TMail): Promise<void>;
}

/**
 * A mailer over SMTP_URL through nodemailer, imported only when mail is set
 * up. Plain text only: no HTML, no remote images, no tracking.
 */
export async function createSmtpMailer(options: {
  url: string;
  from: string;
  logger: Logger;
}): Promise<Mailer> {
  const { createTransport } = await import("nodemailer");
  const transport = createTransport(options.url);
  return {
    async send(mail) {
      await transport.sendMail({
        from: options.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        headers: { "Content-Language": mail.language },
      });
      // The subject only: a mail's text may hold a one-time link, and its address is personal.
      options.logger.info({ subject: mail.subject }, "mail sent");
    },
  };
}
