import type { TRole } from "@caucus/shared";
import type { ServerAddress } from "./address.js";

/** A person with an account on a test server, and their session cookie. */
export interface TestAccount {
  name: string;
  email: string;
  password: string;
  userId: string;
  /** `name=value` pairs of the session cookie(s), ready for a Cookie header. */
  cookie: string;
}

export const TEST_PASSWORD = "a long test password";

/**
 * The account each test server's helpers act as unless told otherwise:
 * the first one signed up on its fresh DATA_DIR, so it owns "My coalition".
 * Keyed by the server handle's URL and forgotten when the server is disposed.
 */
const defaults = new Map<string, Promise<TestAccount>>();
const resolved = new Map<string, TestAccount>();

let counter = 0;

/**
 * Signs a new person up through the API (with this server's Origin, as its
 * page would), then in: sign-up alone opens no session.
 */
export async function signUp(server: ServerAddress, name: string): Promise<TestAccount> {
  const email = `${name.toLowerCase().replaceAll(/[^a-z0-9]+/g, ".")}.${process.pid}.${++counter}@example.org`;
  const response = await fetch(`${server.url}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: server.url },
    body: JSON.stringify({ name, email, password: TEST_PASSWORD }),
  });
  if (response.status !== 200) {
    throw new Error(`sign-up of ${name} answered ${response.status}: ${await response.text()}`);
  }
  return signIn(server, { name, email, password: TEST_PASSWORD, userId: "", cookie: "" });
}

/** Signs an existing person in; a fresh session cookie (and their id). */
export async function signIn(server: ServerAddress, account: TestAccount): Promise<TestAccount> {
  const response = await fetch(`${server.url}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: server.url },
    body: JSON.stringify({ email: account.email, password: account.password }),
  });
  if (response.status !== 200)
    throw new Error(`sign-in answered ${response.status}: ${await response.text()}`);
  const body = (await response.json()) as { user: { id: string } };
  return { ...account, userId: body.user.id, cookie: cookieOf(response) };
}

function cookieOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((header) => header.split(";")[0])
    .join("; ");
}

/** The server's default account (its first, the owner of "My coalition"), signed up on first use. */
export function defaultAccount(server: ServerAddress): Promise<TestAccount> {
  let account = defaults.get(server.url);
  if (!account) {
    account = signUp(server, "Test owner").then((created) => {
      resolved.set(server.url, created);
      return created;
    });
    defaults.set(server.url, account);
    account.catch(() => defaults.delete(server.url));
  }
  return account;
}

/** The default account if it already exists, for synchronous callers (socket constructors). */
export function defaultAccountNow(server: ServerAddress): TestAccount | undefined {
  return resolved.get(server.url);
}

/** Forgets a server's default account; its URL may serve another DATA_DIR next. */
export function forgetAccounts(url: string): void {
  defaults.delete(url);
  resolved.delete(url);
}

/** The first workspace `account` belongs to. */
export async function workspaceOf(server: ServerAddress, account: TestAccount): Promise<string> {
  const response = await fetch(`${server.url}/api/me`, { headers: { cookie: account.cookie } });
  const body = (await response.json()) as { workspaces: { id: string }[] };
  const id = body.workspaces?.[0]?.id;
  if (!id) throw new Error(`${account.name} has no workspace: ${JSON.stringify(body)}`);
  return id;
}

/**
 * A new person who joins the default account's workspace with `role` by
 * accepting an invitation link, as a real member would.
 */
export async function memberOf(
  server: ServerAddress,
  name: string,
  role: TRole = "editor",
): Promise<TestAccount> {
  const owner = await defaultAccount(server);
  const workspaceId = await workspaceOf(server, owner);
  const token = await invite(server, owner, workspaceId, { role });
  const person = await signUp(server, name);
  await acceptInvitation(server, person, token);
  return person;
}

/** Creates an invitation link as `owner`; its token. */
export async function invite(
  server: ServerAddress,
  owner: TestAccount,
  workspaceId: string,
  input: { role: TRole; documentId?: string },
): Promise<string> {
  const response = await fetch(`${server.url}/api/workspaces/${workspaceId}/invitations`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: server.url, cookie: owner.cookie },
    body: JSON.stringify(input),
  });
  if (response.status !== 201)
    throw new Error(`invitation answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

export async function acceptInvitation(
  server: ServerAddress,
  person: TestAccount,
  token: string,
): Promise<void> {
  const response = await fetch(`${server.url}/api/invitations/accept`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: server.url, cookie: person.cookie },
    body: JSON.stringify({ token }),
  });
  if (response.status !== 200)
    throw new Error(`accepting answered ${response.status}: ${await response.text()}`);
}
