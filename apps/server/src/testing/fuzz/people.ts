import type { TRole } from "@caucus/shared";
import { ORIGIN, type TInProcessServer } from "./inProcessServer.js";

export interface TPerson {
  name: string;
  userId: string;
  /** Ready for a Cookie header. */
  cookie: string;
}

const PASSWORD = "a long fuzzing password";

/** Signs a new person up, then in, through the API as their page would. */
export async function signUp(t: TInProcessServer, name: string): Promise<TPerson> {
  const email = `${name.toLowerCase().replaceAll(/[^a-z0-9]+/g, ".")}@example.org`;
  const json = { "content-type": "application/json", origin: ORIGIN };
  const body = JSON.stringify({ name, email, password: PASSWORD });
  const signedUp = await t.request({ method: "POST", path: "/api/auth/sign-up/email", headers: json, body });
  if (signedUp.status !== 200) throw new Error(`sign-up answered ${signedUp.status}: ${signedUp.body}`);
  const signedIn = await t.request({
    method: "POST",
    path: "/api/auth/sign-in/email",
    headers: json,
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (signedIn.status !== 200) throw new Error(`sign-in answered ${signedIn.status}: ${signedIn.body}`);
  const cookie = (signedIn.headers["set-cookie"] ?? []).map((header) => header.split(";")[0]).join("; ");
  return { name, userId: (JSON.parse(signedIn.body) as { user: { id: string } }).user.id, cookie };
}

/** Sends `body` as JSON to our API as `person`; the parsed answer, or throws on an unexpected status. */
export async function callApi<T>(
  t: TInProcessServer,
  person: TPerson,
  method: string,
  path: string,
  body: unknown,
  expected: number,
): Promise<T> {
  const answer = await t.request({
    method,
    path,
    headers: { "content-type": "application/json", origin: ORIGIN, cookie: person.cookie },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (answer.status !== expected)
    throw new Error(`${method} ${path} answered ${answer.status}: ${answer.body}`);
  return JSON.parse(answer.body) as T;
}

/** A new document in `owner`'s first workspace (made when they have none); its id. */
export async function createDocument(t: TInProcessServer, owner: TPerson, title: string): Promise<string> {
  const answer = await t.request({
    method: "GET",
    path: "/api/workspaces",
    headers: { cookie: owner.cookie },
  });
  const { workspaces } = JSON.parse(answer.body) as { workspaces: { id: string }[] };
  // Only the server's first account starts with a workspace.
  const workspaceId =
    workspaces[0]?.id ??
    (
      await callApi<{ workspace: { id: string } }>(
        t,
        owner,
        "POST",
        "/api/workspaces",
        { name: `${owner.name}'s coalition` },
        201,
      )
    ).workspace.id;
  const created = await callApi<{ document: { id: string } }>(
    t,
    owner,
    "POST",
    `/api/workspaces/${workspaceId}/documents`,
    { title },
    201,
  );
  return created.document.id;
}

/** Gives `person` `role` on a document of `owner`'s, through an invitation to it, as the app does. */
export async function grant(
  t: TInProcessServer,
  owner: TPerson,
  documentId: string,
  person: TPerson,
  role: TRole,
): Promise<void> {
  const { document } = await callApi<{ document: { workspaceId: string } }>(
    t,
    owner,
    "GET",
    `/api/documents/${documentId}`,
    undefined,
    200,
  );
  const { token } = await callApi<{ token: string }>(
    t,
    owner,
    "POST",
    `/api/workspaces/${document.workspaceId}/invitations`,
    { role, documentId },
    201,
  );
  await callApi(t, person, "POST", "/api/invitations/accept", { token }, 200);
}
