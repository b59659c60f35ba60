import type { Auth } from "./createAuth.js";
import type { TAccountDeps } from "./deps.js";
import { passwordChecked } from "./passwordGuesses.js";
import type { RateLimits } from "./rateLimits.js";

/**
 * A new password, given the current one. Every other session of the person
 * ends (their devices sign in again, their sockets and streams close); this
 * device carries on under a new session, whose cookie the answer sets.
 */
export async function changePassword(
  deps: TAccountDeps & { auth: Auth; limits: RateLimits },
  request: { headers: Headers; address: string; userId: string },
  input: { currentPassword: string; newPassword: string },
): Promise<Headers> {
  await deps.limits.consumeAccountChange(request.userId);
  const response = await passwordChecked(deps.limits, request.address, () =>
    deps.auth.api.changePassword({
      body: { ...input, revokeOtherSessions: true },
      headers: request.headers,
      asResponse: true,
    }),
  );
  await deps.audit.recordForMember(request.userId, "password_changed");
  return response.headers;
}
