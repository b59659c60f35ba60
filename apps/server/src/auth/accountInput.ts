import { ZPersonName } from "@caucus/shared/schemas";
import type { MiddlewareHandler } from "hono";
import { InvalidInputError } from "../errors.js";

/**
 * better-auth routes that set the person's name; it takes any value there.
 * (Its update-user is closed: names change through PUT /api/account/name.)
 */
const NAME_ROUTES = ["/sign-up/email"];

/**
 * Checks, in front of better-auth, what its own schemas let through to
 * PostgreSQL: U+0000 anywhere in a JSON or form body (text columns cannot
 * hold it; a name with one was a 500, or sign-up's "Failed to create
 * user"), and a name that is not our ZPersonName (update-user took
 * `{"name": null}` to a NOT NULL column, a 500). Refused with the same 400
 * as our own routes. The body is small by now (MAX_REQUEST_BYTES).
 */
export const checkAccountInput: MiddlewareHandler = async (c, next) => {
  if (c.req.method !== "POST") return next();
  const body = await readBody(c.req.raw.clone());
  if (anyStringHolds(body, "\u0000")) {
    throw new InvalidInputError([], "Remove the NUL character (U+0000) from the text.");
  }
  if (NAME_ROUTES.some((route) => c.req.path.endsWith(route)) && typeof body === "object" && body !== null) {
    const { name } = body as { name?: unknown };
    // Sign-up's own schema requires a name; a missing one is its 400.
    const checked = name === undefined ? null : ZPersonName.safeParse(name);
    if (checked && !checked.success) {
      const issues = checked.error.issues.map((issue) => ({ path: "name", message: issue.message }));
      throw new InvalidInputError(issues, issues[0]?.message);
    }
  }
  await next();
};

/** The body as JSON or as a form's fields; undefined when it is neither (better-auth refuses it). */
async function readBody(request: Request): Promise<unknown> {
  const text = await request.text();
  if (request.headers.get("content-type")?.includes("application/x-www-form-urlencoded")) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
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
