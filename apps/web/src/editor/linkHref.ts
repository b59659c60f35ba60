const ALLOWED_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);
const EMAIL = /^[^\s@/]+@[^\s@/]+\.[^\s@/]+$/;
const HOST_LIKE = /^[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+(:\d+)?([/?#].*)?$/u;

/**
 * Turns what someone typed into a safe link target, or null when it is not
 * one. Only http, https and mailto: a `javascript:` or `data:` link in a
 * shared statement would run in every co-drafter's browser. Bare addresses
 * ("example.org/x", "name@example.org") get the scheme people meant.
 */
export function normalizeLinkHref(raw: string): string | null {
  const text = raw.trim();
  if (text === "" || /\s/.test(text)) return null;
  let candidate: string;
  if (/^[a-z][a-z0-9+.-]*:/i.test(text)) candidate = text;
  else if (EMAIL.test(text)) candidate = `mailto:${text}`;
  else if (HOST_LIKE.test(text)) candidate = `https://${text}`;
  else return null;
  try {
    const url = new URL(candidate);
    if (!ALLOWED_PROTOCOLS.has(url.protocol)) return null;
    if (url.protocol !== "mailto:" && !url.hostname) return null;
    return url.href;
  } catch {
    return null;
  }
}
