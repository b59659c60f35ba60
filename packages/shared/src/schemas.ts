import { z } from "zod";
import { CALL_STATUSES, MAX_CALL_TEXT } from "./calls.js";
import {
  COMMENT_THREAD_STATUSES,
  MAX_ANCHOR_LENGTH,
  MAX_COMMENT_BODY,
  MAX_COMMENT_QUOTE,
} from "./comments.js";
import { LANGUAGE_TAG_PATTERN, MAX_DELIVERY_TEXT, MAX_LIMIT_SECONDS } from "./deliverySettings.js";
import { DOCUMENT_KINDS, type TDocument } from "./documents.js";
import { isEncodedAnchor } from "./editor/anchors.js";
import { templateProblem } from "./editor/templateContent.js";
import { Limits } from "./limits.js";
import { PRESENCE_STATUSES, type TPresenceEntry } from "./presence.js";
import { ROLES } from "./roles.js";
import { TEMPLATE_KINDS, type TTemplateContent } from "./templates.js";
import { MAX_VERSION_NAME, MAX_VERSION_NOTE } from "./versions.js";

/**
 * Validation schemas, for the server (and any client that wants zod). Each
 * request body's type is inferred from its schema here (`z.input`: what a
 * client sends, before defaults) and re-exported type-only from the
 * package's index, so the web app gets the types without zod in its bundle.
 */

export const ZDocumentKind = z.enum(DOCUMENT_KINDS);

/**
 * An id of ours (workspace, document, call, thread, version…): a UUID in
 * lower case. UUIDs compare case-insensitively in PostgreSQL but rooms,
 * revocations and every in-memory map key on the string, so an id is read
 * into this one spelling at the edge (every route and the socket) or a
 * socket on `/sync/<ID IN CAPITALS>` would be a second copy of the
 * document that revocation and deletion never find.
 */
export const ZId = z.uuid().toLowerCase();

/**
 * Text from a request that is stored: a title, a name, a comment. PostgreSQL
 * text and jsonb cannot hold U+0000 (a failed insert would be a 500), and
 * no one types it, so it is refused here with the other field errors.
 */
export const ZText = z.string().refine((text) => !text.includes("\u0000"), {
  error: "Remove the NUL character (U+0000) from the text.",
  // Checked first, so that a long text with a NUL in it gets this message.
  abort: true,
});

/** Document ids are UUIDs; the socket and the API refuse anything else. */
export const ZDocumentId = ZId;

const ZTitle = ZText.trim()
  .min(1, "Give the document a title.")
  .max(Limits.maxTitleLength, `Keep the title under ${Limits.maxTitleLength} characters.`);

/** A BCP 47 language tag in its common shape (language, then subtags): "en", "es-419", "zh-Hant". */
export const ZLanguageTag = z
  .string()
  .trim()
  .max(35)
  .regex(LANGUAGE_TAG_PATTERN, "Use a language tag such as en, es or fr-CH.");

export const ZNewIntervention = z.object({
  language: ZLanguageTag,
  limitSeconds: z
    .number()
    .int()
    .min(1, "A time limit is at least one second.")
    .max(MAX_LIMIT_SECONDS, `A time limit is at most ${MAX_LIMIT_SECONDS / 60} minutes.`),
  forum: ZText.trim().max(MAX_DELIVERY_TEXT).default(""),
  agendaItem: ZText.trim().max(MAX_DELIVERY_TEXT).default(""),
});
/**
 * What creating an intervention asks for: where and when it is delivered,
 * its time limit and language (a BCP 47 tag, e.g. "es" or "fr-CH"). The
 * server starts the document from the intervention template with these as
 * its delivery settings.
 */
export type TNewIntervention = z.input<typeof ZNewIntervention>;

export const ZCreateDocument = z
  .object({
    title: ZTitle,
    kind: ZDocumentKind.default("notes"),
    intervention: ZNewIntervention.optional(),
  })
  .refine((input) => !input.intervention || input.kind === "intervention", {
    message: "Only an intervention takes a forum, agenda item, time limit and language.",
    path: ["intervention"],
  });
/** What creating a document takes; `intervention` only with kind "intervention". */
export type TCreateDocument = z.input<typeof ZCreateDocument>;

export const ZRenameDocument = z.object({ title: ZTitle });
export type TRenameDocument = z.input<typeof ZRenameDocument>;

export const ZDocument = z.object({
  id: ZDocumentId,
  title: z.string(),
  kind: ZDocumentKind,
  createdAt: z.string(),
  updatedAt: z.string(),
  deletedAt: z.string().nullable(),
  workspaceId: z.string(),
  role: z.enum(ROLES),
}) satisfies z.ZodType<TDocument>;

export const ZRole = z.enum(ROLES, { error: "Choose a role: owner, editor, commenter or viewer." });

const ZWorkspaceName = ZText.trim()
  .min(1, "Give the workspace a name.")
  .max(Limits.maxWorkspaceNameLength, `Keep the name under ${Limits.maxWorkspaceNameLength} characters.`);

export const ZCreateWorkspace = z.object({ name: ZWorkspaceName });

/** A person's name, as co-drafters see it on their caret: set at sign-up or by update-user. */
export const ZPersonName = ZText.trim()
  .min(1, "Give your name.")
  .max(Limits.maxPersonNameLength, `Keep your name under ${Limits.maxPersonNameLength} characters.`);
export const ZRenameWorkspace = z.object({ name: ZWorkspaceName });

/** An email address as accounts hold it: trimmed, lower case. */
export const ZEmail = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(
    z
      .email("Give an email address, like name@example.org.")
      .max(Limits.maxEmailLength, `Keep the address under ${Limits.maxEmailLength} characters.`),
  );
const ZNewPassword = z
  .string()
  .min(Limits.minPasswordLength, `Use at least ${Limits.minPasswordLength} characters.`)
  .max(Limits.maxPasswordLength, `Keep the password under ${Limits.maxPasswordLength} characters.`);
/** The password someone types to prove it is them; its rules were checked when it was set. */
const ZCurrentPassword = z.string().min(1, "Type your current password.").max(Limits.maxPasswordLength);

export const ZChangeName = z.object({ name: ZPersonName });
/** A new sign-in address takes the current password: a borrowed unlocked laptop must not take the account. */
export const ZChangeEmail = z.object({ email: ZEmail, currentPassword: ZCurrentPassword });
export const ZChangePassword = z.object({ currentPassword: ZCurrentPassword, newPassword: ZNewPassword });

/** An invitation link: a role, an expiry, and optionally one document only. */
export const ZCreateInvitation = z.object({
  role: ZRole,
  documentId: ZDocumentId.nullable().default(null),
  expiresInHours: z
    .number()
    .int()
    .min(1, "An invitation lasts at least an hour.")
    .max(Limits.maxInvitationHours, `An invitation lasts ${Limits.maxInvitationHours / 24} days at most.`)
    .default(Limits.defaultInvitationHours),
});
/** What creating an invitation takes; without `documentId` it is for the whole workspace. */
export type TCreateInvitation = z.input<typeof ZCreateInvitation>;

/** Invitation tokens travel in request bodies, never in paths that get logged. */
export const ZInvitationToken = z.object({
  token: ZText.min(20, "This invitation link is incomplete; copy the whole link.").max(200),
});

export const ZChangeRole = z.object({ role: ZRole });

export const ZPresenceStatus = z.enum(PRESENCE_STATUSES);

/** A presence entry as stored and sent; the server parses what it reads back from Redis with it. */
export const ZPresenceEntry = z.object({
  userId: z.string().min(1),
  connectionId: z.string().min(1),
  name: z.string(),
  color: z.string(),
  documentId: z.string().nullable(),
  status: ZPresenceStatus,
  timeZone: z.string(),
  lastSeen: z.number(),
}) satisfies z.ZodType<TPresenceEntry, unknown>;

/** An IANA time zone this runtime knows, e.g. "Africa/Nairobi". */
export const ZTimeZone = z
  .string()
  .min(1)
  .max(64)
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat("en", { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, "Not a time zone; send an IANA name such as Africa/Nairobi.");

/**
 * What a browser tab says every few seconds: which of its connections this
 * is (random, per tab), what it has open and the person's status. Name and
 * colour come from the account, never from the client.
 */
export const ZPresenceReport = z.object({
  connectionId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "connectionId: 8-64 letters, digits, - or _"),
  documentId: ZDocumentId.nullable(),
  status: ZPresenceStatus,
  timeZone: ZTimeZone,
});
export type TPresenceReport = z.input<typeof ZPresenceReport>;

export const ZPresenceLeave = ZPresenceReport.pick({ connectionId: true });

/**
 * A venue's time zone: an IANA name this runtime knows ("Europe/Zurich",
 * "America/New_York", "UTC"), not a bare offset, so the clock follows the
 * venue's daylight-saving changes.
 */
export const ZVenueTimeZone = ZTimeZone.regex(
  /^(UTC|[A-Za-z][A-Za-z_-]*(\/[A-Za-z0-9][A-Za-z0-9_+-]*)+)$/,
  "Use the venue's IANA time zone, such as Europe/Zurich for Geneva or America/New_York.",
);

/**
 * An instant with its offset ("2025-03-04T15:00:00Z", "…+01:00") whose date
 * exists (no 30 February), between 2000 and 2100.
 */
export const ZDeadline = z
  .string()
  .trim()
  .pipe(
    z.iso.datetime({
      offset: true,
      error: "Give the deadline as a date and time, e.g. 2025-03-04T15:00:00Z.",
    }),
  )
  .refine((value) => {
    const [year, month, day] = value.slice(0, 10).split("-").map(Number) as [number, number, number];
    const date = new Date(Date.UTC(year, month - 1, day));
    return date.getUTCMonth() === month - 1 && date.getUTCDate() === day && year >= 2000 && year <= 2100;
  }, "That date does not exist; check the day and month.")
  .transform((value) => new Date(value).toISOString());

const ZCallText = (what: string) =>
  ZText.trim()
    .min(1, `Give the call's ${what}.`)
    .max(MAX_CALL_TEXT, `Keep the ${what} under ${MAX_CALL_TEXT} characters.`);

const ZCallFields = {
  forum: ZCallText("forum"),
  agendaItem: ZCallText("agenda item"),
  deadline: ZDeadline,
  venueTimeZone: ZVenueTimeZone,
  status: z.enum(CALL_STATUSES, { error: "Choose a status: drafting, ready or delivered." }),
  speakerId: ZText.min(1).max(100).nullable(),
  draftId: ZDocumentId.nullable(),
};

/** A new call; with `draft`, its intervention is created from the template in the same request. */
export const ZCreateCall = z
  .object({
    ...ZCallFields,
    status: ZCallFields.status.default("drafting"),
    speakerId: ZCallFields.speakerId.default(null),
    draftId: ZCallFields.draftId.default(null),
    draft: z
      .object({
        title: ZTitle.optional(),
        language: ZLanguageTag,
        limitSeconds: ZNewIntervention.shape.limitSeconds,
      })
      .optional(),
  })
  .refine((input) => !(input.draft && input.draftId), {
    message: "Either link an existing draft or create one, not both.",
    path: ["draft"],
  });
/** What creating a call takes; `draft` also creates its intervention from the template. */
export type TCreateCall = z.input<typeof ZCreateCall>;

/** A change to a call: any of its fields, at least one. */
export const ZUpdateCall = z
  .object(ZCallFields)
  .partial()
  .refine((input) => Object.keys(input).length > 0, "Send at least one field to change.");
/** A partial change of a call; `null` unassigns the speaker or unlinks the draft. */
export type TUpdateCall = z.input<typeof ZUpdateCall>;

export const ZTemplateKind = z.enum(TEMPLATE_KINDS, {
  error: "Templates are for interventions, statements and letters.",
});

/**
 * A workspace's template for a kind: editor JSON of at most
 * MAX_TEMPLATE_BYTES that parses with the shared editor schema.
 */
export const ZSaveTemplate = z.object({
  content: z
    .custom<TTemplateContent>(
      (value) => typeof value === "object" && value !== null && !Array.isArray(value),
      {
        error: "Send the template as editor JSON (an object).",
      },
    )
    .superRefine((content, check) => {
      const problem = templateProblem(content);
      if (problem) check.addIssue({ code: "custom", message: problem });
    }),
});
export type TSaveTemplate = z.input<typeof ZSaveTemplate>;

/** Saving a named version: a name people recognise, and an optional note. */
export const ZCreateVersion = z.object({
  name: ZText.trim()
    .min(1, "Give the version a name, such as “v3 sent to delegations”.")
    .max(MAX_VERSION_NAME, `Keep the name under ${MAX_VERSION_NAME} characters.`),
  note: ZText.trim().max(MAX_VERSION_NOTE, `Keep the note under ${MAX_VERSION_NOTE} characters.`).default(""),
});
/** What saving a named version takes; the note may be left out. */
export type TCreateVersion = z.input<typeof ZCreateVersion>;

const ZCommentBody = ZText.trim()
  .min(1, "Write something first.")
  .max(MAX_COMMENT_BODY, `Keep a comment under ${MAX_COMMENT_BODY} characters.`);

/** One end of a comment's anchor: an encoded Yjs relative position, base64. */
const ZEncodedAnchor = z
  .string()
  .max(MAX_ANCHOR_LENGTH)
  .refine(isEncodedAnchor, "Select the text to comment on again.");

export const ZCreateCommentThread = z.object({
  anchor: z.object({ start: ZEncodedAnchor, end: ZEncodedAnchor }),
  quote: ZText.max(MAX_COMMENT_QUOTE, `Quote at most ${MAX_COMMENT_QUOTE} characters.`),
  body: ZCommentBody,
});
export type TCreateCommentThread = z.input<typeof ZCreateCommentThread>;

/** A reply, or a comment's new text. */
export const ZCommentText = z.object({ body: ZCommentBody });

export const ZCommentThreadStatus = z.object({
  status: z.enum(COMMENT_THREAD_STATUSES, { error: "A thread is open or resolved." }),
});
