import type { MiddlewareHandler } from "hono";
import { InvalidInputError } from "../errors.js";

/**
 * better-auth's own schemas let U+0000 through, and PostgreSQL text cannot
 * hold it: a name with one failed the insert (a 500, or sign-up's "Failed
 * to create user"). Our routes refuse it in their schemas (ZText); for
 * better-auth's, a JSON or form body with it anywhere is refused here, with
 * the same 400. The body is small by now (MAX_REQUEST_BYTES).
 */
export const refuseNulText: MiddlewareHandler = async (c, next) => {
  if (c.req.method === "POST" && (await holdsNul(c.req.raw.clone()))) {
    throw new InvalidInputError([], "Remove the NUL character (U+0000) from the text.");
  }
  await next();
};

async function holdsNul(request: Request): Promise<boolean> {
  const type = request.headers.get("content-type") ?? "";
  const text = await request.text();
  if (type.includes("application/x-www-form-urlencoded")) {
    return [...new URLSearchParams(text)].some(([key, value]) => `${key}${value}`.includes("\u0000"));
  }
  try {
    return anyStringHolds(JSON.parse(text), "\u0000");
  } catch {
    return false; // Not JSON: better-auth refuses it.
  }
}

/** Whether a string anywhere in `value` (keys too) contains `needle`; without recursion. */
function anyStringHolds(value: unknown, needle: string): boolean {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next === "string" && next.includes(needle)) return true;
    if (typeof next === "object" && next !== null) {
      for (const [key, child] of Object.entries(next)) {
        if (key.includes(needle)) return true;
        pending.push(child);
      }
    }
  }
  return false;
}
