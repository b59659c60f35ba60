import { z } from "zod";
import { LANGUAGE_TAG_PATTERN, MAX_DELIVERY_TEXT, MAX_LIMIT_SECONDS } from "./deliverySettings.js";
import { DOCUMENT_KINDS, type TCreateDocument, type TDocument, type TNewIntervention } from "./documents.js";
import { Limits } from "./limits.js";
import { PRESENCE_STATUSES, type TPresenceEntry } from "./presence.js";
import { ROLES } from "./roles.js";

/** Validation schemas, for the server (and any client that wants zod). */

export const ZDocumentKind = z.enum(DOCUMENT_KINDS);

/** Document ids are UUIDs; the socket and the API refuse anything else. */
export const ZDocumentId = z.uuid();

const ZTitle = z
  .string()
  .trim()
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
  forum: z.string().trim().max(MAX_DELIVERY_TEXT).default(""),
  agendaItem: z.string().trim().max(MAX_DELIVERY_TEXT).default(""),
}) satisfies z.ZodType<TNewIntervention, unknown>;

export const ZCreateDocument = z
  .object({
    title: ZTitle,
    kind: ZDocumentKind.default("notes"),
    intervention: ZNewIntervention.optional(),
  })
  .refine((input) => !input.intervention || input.kind === "intervention", {
    message: "Only an intervention takes a forum, agenda item, time limit and language.",
    path: ["intervention"],
  }) satisfies z.ZodType<TCreateDocument, unknown>;

export const ZRenameDocument = z.object({ title: ZTitle });
export type TRenameDocument = z.infer<typeof ZRenameDocument>;

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

const ZWorkspaceName = z
  .string()
  .trim()
  .min(1, "Give the workspace a name.")
  .max(Limits.maxWorkspaceNameLength, `Keep the name under ${Limits.maxWorkspaceNameLength} characters.`);

export const ZCreateWorkspace = z.object({ name: ZWorkspaceName });
export const ZRenameWorkspace = z.object({ name: ZWorkspaceName });

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

/** Invitation tokens travel in request bodies, never in paths that get logged. */
export const ZInvitationToken = z.object({
  token: z.string().min(20, "This invitation link is incomplete; copy the whole link.").max(200),
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
export type TPresenceReport = z.infer<typeof ZPresenceReport>;

export const ZPresenceLeave = ZPresenceReport.pick({ connectionId: true });
