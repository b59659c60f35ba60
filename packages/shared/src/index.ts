export * from "./calls.js";
export * from "./closeCodes.js";
export * from "./comments.js";
export * from "./deliverySettings.js";
export * from "./docFields.js";
export * from "./documents.js";
export * from "./identity.js";
export * from "./languages.js";
export * from "./limits.js";
export * from "./presence.js";
export * from "./protocol.js";
export * from "./roles.js";
// Request bodies' types, inferred from their schemas; type-only, so no zod reaches the web bundle.
export type {
  TCreateCall,
  TCreateCommentThread,
  TCreateDocument,
  TCreateInvitation,
  TCreateVersion,
  TNewIntervention,
  TPresenceReport,
  TRenameDocument,
  TSaveTemplate,
  TUpdateCall,
} from "./schemas.js";
export * from "./speakingTime.js";
export * from "./templates.js";
export * from "./textDiff.js";
export * from "./versions.js";
export * from "./workspaces.js";
