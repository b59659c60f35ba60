import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

/** A mail as its reader sees it: headers unfolded (lower-case names), encoded words and body decoded. */
export interface TReceivedMail {
  to: string[];
  headers: Map<string, string>;
  subject: string;
  text: string;
  /** The mail as it came over SMTP. */
  raw: string;
}

/** A real SMTP server on a free port, keeping every mail it is handed, decoded. */
export async function startMailbox() {
  const mails: TReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const to = session.envelope.rcptTo.map((rcpt) => rcpt.address);
        mails.push({ to, ...readMail(Buffer.concat(chunks).toString("utf8")) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Reads a single-part mail (what Mailer sends): RFC 2047 encoded words in
 * the subject, a quoted-printable or base64 body. Just enough MIME to read
 * the mail back as its recipient would, not a general parser.
 */
function readMail(raw: string): Omit<TReceivedMail, "to"> {
  const split = raw.search(/\r?\n\r?\n/);
  const head = raw.slice(0, split).replace(/\r?\n[ \t]+/g, " ");
  const body = raw.slice(split).replace(/^\r?\n\r?\n/, "");
  const headers = new Map<string, string>();
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const encoding = headers.get("content-transfer-encoding")?.toLowerCase();
  const bytes =
    encoding === "base64"
      ? Buffer.from(body.replace(/\s+/g, ""), "base64")
      : encoding === "quoted-printable"
        ? quotedPrintable(body.replace(/=\r?\n/g, ""))
        : Buffer.from(body, "utf8");
  return {
    headers,
    subject: encodedWords(headers.get("subject") ?? ""),
    text: bytes.toString("utf8").replace(/\r\n/g, "\n").trimEnd(),
    raw,
  };
}

/** `=XX` escapes to their bytes; the rest as it is. */
function quotedPrintable(text: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const hex = text[i] === "=" ? /^[0-9A-F]{2}$/i.exec(text.slice(i + 1, i + 3))?.[0] : undefined;
    if (hex) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(text[i] ?? "", "utf8"));
  }
  return Buffer.from(bytes);
}

/** A header with its `=?UTF-8?B|Q?…?=` words decoded; the space between two such words goes. */
function encodedWords(value: string): string {
  return value.replace(/\?=\s+=\?/g, "?==?").replace(/(?:=\?utf-8\?[bq]\?[^?]*\?=)+/gi, (run) => {
    const parts = [...run.matchAll(/=\?utf-8\?([bq])\?([^?]*)\?=/gi)].map(([, kind, text = ""]) =>
      kind?.toLowerCase() === "b" ? Buffer.from(text, "base64") : quotedPrintable(text.replace(/_/g, " ")),
    );
    // Decoded together: a character's bytes may be split between two words.
    return Buffer.concat(parts).toString("utf8");
  });
}
