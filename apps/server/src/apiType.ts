import { createApi } from "./app.js";

/**
 * Never called. Its return type is inferred, so the build writes the API's
 * routes out whole into apiType.d.ts (paths, inputs, outputs, statuses),
 * naming only hono's, @caucus/shared's and auth/appEnv.ts's types: the web
 * app's typecheck reads that one file rather than app.d.ts, whose AppDeps
 * would load better-auth, kysely, redis and the rest of the server.
 */
const routes = (deps: never) => createApi(deps);

/** The JSON API's type, mounted at /api: what `hc<ApiType>` in the web app is typed by. */
export type ApiType = typeof routes extends (deps: never) => infer Api ? Api : never;
