import { ConflictError } from "../errors.js";
import type { Auth } from "./createAuth.js";
import type { TAccountDeps } from "./deps.js";
import { passwordChecked } from "./passwordGuesses.js";
import type { RateLimits } from "./rateLimits.js";

/**
 * A new sign-in address, given the current password. The person is signed
 * in, so saying that another account holds the address tells them nothing
 * sign-up would not: it is said, rather than a change that silently did
 * not happen.
 */
export async function changeEmail(
  deps: TAccountDeps & { auth: Auth; limits: RateLimits },
  request: { headers: Headers; address: string; userId: string },
  input: { email: string; currentPassword: string },
): Promise<void> {
  await deps.limits.consumeAccountChange(request.userId);
  await passwordChecked(deps.limits, request.address, () =>
    deps.auth.api.verifyPassword({
      body: { password: input.currentPassword },
      headers: request.headers,
      asResponse: true,
    }),
  );
  const taken = await deps.db.query('SELECT 1 FROM "users" WHERE lower("email") = $1 AND "id" <> $2', [
    input.email,
    request.userId,
  ]);
  if (taken.length > 0) throw addressTaken();
  try {
    await deps.db.query(
      'UPDATE "users" SET "email" = $1, "emailVerified" = false, "updatedAt" = now() WHERE "id" = $2',
      [input.email, request.userId],
    );
  } catch (error) {
    // Another account took it between the check and the update.
    if ((error as { code?: unknown }).code === "23505") throw addressTaken();
    throw error;
  }
  await deps.audit.recordForMember(request.userId, "email_changed");
}

function addressTaken() {
  return new ConflictError(
    "email_taken",
    "Another account signs in with this address. Choose another, or sign in to that account.",
  );
}
