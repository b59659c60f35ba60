import { formatDuration, type TDeliverySettings } from "@caucus/shared";

/** The translated words around the figures, so this stays pure and testable. */
export interface TSpeakerCopyLabels {
  forum: string;
  agendaItem: string;
  /** e.g. "Time limit: {{limit}}" already filled in by the caller's `t`. */
  limit: (limit: string) => string;
  estimate: (estimate: string, wordsPerMinute: number) => string;
  words: (words: number) => string;
}

export interface TSpeakerCopy {
  title: string;
  settings: TDeliverySettings;
  /** Estimated reading time in seconds, and words, of what is read aloud. */
  seconds: number;
  words: number;
  /** The paragraphs read aloud (stage notes left out), from readAloudParagraphs. */
  paragraphs: readonly string[];
}

/** The limit as the speaker thinks of it: "1:30", or "2000 words" in word-limit mode. */
export function limitText(settings: TDeliverySettings, labels: Pick<TSpeakerCopyLabels, "words">): string {
  return settings.limit.mode === "time"
    ? formatDuration(settings.limit.seconds)
    : labels.words(settings.limit.words);
}

/**
 * The speaker's copy as plain text (UTF-8, CRLF-free): title, forum, agenda
 * item, limit and estimate at the top, then the text read aloud, one blank
 * line between paragraphs, empty paragraphs dropped. Stage notes are not in
 * it: this copy also goes to interpreters and the secretariat, who need the
 * words that will be spoken.
 */
export function speakerCopyText(copy: TSpeakerCopy, labels: TSpeakerCopyLabels): string {
  const head = [copy.title];
  if (copy.settings.forum) head.push(`${labels.forum}: ${copy.settings.forum}`);
  if (copy.settings.agendaItem) head.push(`${labels.agendaItem}: ${copy.settings.agendaItem}`);
  head.push(labels.limit(limitText(copy.settings, labels)));
  head.push(labels.estimate(formatDuration(copy.seconds), copy.settings.wordsPerMinute));
  const body = copy.paragraphs.map((paragraph) => paragraph.replace(/\s+/g, " ").trim()).filter(Boolean);
  return `${head.join("\n")}\n\n${body.join("\n\n")}\n`;
}

/** A file name for the download: the title with characters file systems refuse replaced, never empty. */
export function speakerCopyFileName(title: string): string {
  const safe = title
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what file systems refuse
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]+/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 100);
  return `${safe.replace(/^\.+/, "") || "speaker-copy"}.txt`;
}
