export * from "./closeCodes.js";
export * from "./documents.js";
export * from "./identity.js";
export * from "./limits.js";
export * from "./presence.js";
export * from "./protocol.js";
export * from "./roles.js";
export * from "./workspaces.js";
