import { type Context, Hono } from "hono";
import type { Auth } from "../auth/createAuth.js";
import type { RateLimits } from "../auth/rateLimits.js";
import type { TAppEnv } from "../auth/session.js";

/**
 * better-auth's endpoints under `/api/auth`, wrapped with our limits: wrong
 * passwords per address, new accounts per address. Every session that ends
 * here closes its sockets and streams through the hook in createAuth.ts.
 */
export function authRoutes(auth: Auth, limits: RateLimits) {
  return new Hono<TAppEnv>().on(["GET", "POST"], "/*", async (c) => withoutSessionToken(await handle(c)));

  async function handle(c: Context<TAppEnv>): Promise<Response> {
    const path = c.req.path;
    const address = limits.clientAddress(c);
    if (c.req.method === "POST" && path.endsWith("/sign-in/email")) {
      await limits.checkSignIn(address);
      const response = await auth.handler(c.req.raw);
      if (response.status === 401) await limits.recordSignInFailure(address);
      return response;
    }
    if (c.req.method === "POST" && path.endsWith("/sign-up/email")) {
      await limits.consumeSignUp(address);
      return auth.handler(c.req.raw);
    }
    return auth.handler(c.req.raw);
  }
}

/**
 * better-auth also puts the session token in the JSON body of a sign-in or
 * sign-up (for bearer-token clients, which Caucus does not use). The cookie
 * holding it is HttpOnly so that page scripts never see it; the body would
 * undo that, so the token is taken out of every JSON answer under /api/auth.
 */
async function withoutSessionToken(response: Response): Promise<Response> {
  if (!response.headers.get("content-type")?.includes("application/json")) return response;
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return new Response(text, response);
  }
  if (body && typeof body === "object" && "token" in body) {
    delete (body as { token?: unknown }).token;
    const headers = new Headers(response.headers);
    headers.delete("content-length");
    return new Response(JSON.stringify(body), {
      status: response.status,
      statusText: response.statusText,
      headers,
    });
  }
  return new Response(text, response);
}
