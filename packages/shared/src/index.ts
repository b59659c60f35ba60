export * from "./closeCodes.js";
export * from "./documents.js";
export * from "./limits.js";
export * from "./protocol.js";
