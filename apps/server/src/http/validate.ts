import { zValidator } from "@hono/zod-validator";
import type { ValidationTargets } from "hono";
import type { z } from "zod";
import { InvalidInputError } from "../errors.js";

/**
 * zod validation for a request part; a failure throws InvalidInputError,
 * which `app.onError` turns into one 400 shape for every route.
 */
export function validate<Target extends keyof ValidationTargets, Schema extends z.ZodType>(
  target: Target,
  schema: Schema,
) {
  return zValidator(target, schema, (result) => {
    if (!result.success) {
      const issues = result.error.issues.map((issue) => ({
        path: issue.path.join("."),
        message: issue.message,
      }));
      throw new InvalidInputError(issues, issues[0]?.message);
    }
  });
}
