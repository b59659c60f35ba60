/**
 * Same-origin checks for cookie-authenticated requests and sockets. The
 * server's own origin is taken from `PUBLIC_URL` when set, else from the
 * request's Host header: a page on another site cannot forge that pair,
 * since its browser sends its own origin in `Origin`.
 */
export interface OriginPolicy {
  /** `PUBLIC_URL`'s origin, when configured. */
  publicOrigin: string | undefined;
  /** More origins allowed (`ALLOWED_ORIGINS`). */
  extraOrigins: readonly string[];
}

/** Whether `origin` (the Origin header) may act on this server, reached as `host`. */
export function isAllowedOrigin(
  policy: OriginPolicy,
  origin: string | undefined | null,
  host: string | undefined | null,
): boolean {
  if (!origin || origin === "null") return false;
  if (policy.extraOrigins.includes(origin)) return true;
  if (policy.publicOrigin) return origin === policy.publicOrigin;
  if (!host) return false;
  try {
    const parsed = new URL(origin);
    return (parsed.protocol === "http:" || parsed.protocol === "https:") && parsed.host === host;
  } catch {
    return false;
  }
}
