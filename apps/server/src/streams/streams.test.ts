import { randomUUID } from "node:crypto";
import type { TRole } from "@caucus/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sampleAnchor } from "../testing/anchors.js";
import { createTestApp, firstWorkspaceOf, refusal, type TTestApp, type TTestPerson } from "../testing/app.js";
import { STREAM_RETRY_AFTER_SECONDS } from "./OpenStreams.js";

/**
 * The event streams (comments, calls board, presence) are authorised when
 * they open; these check that they end the moment their holder's access
 * does, and that each person and address can hold only so many.
 */

const PASSWORD = "correct horse battery";

let t: TTestApp;
let owner: TTestPerson;
let workspaceId: string;
let documentId: string;

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.signUp("Owner");
  workspaceId = await firstWorkspaceOf(owner);
  const created = await owner.api.workspaces[":workspaceId"].documents.$post({
    param: { workspaceId },
    json: { title: "Joint statement" },
  });
  documentId = (await created.json()).document.id;
}, 60_000);
afterAll(() => t.close());

/** Someone with two sessions (a laptop and a phone): `cookie` opens the streams, `other` is the second device. */
interface TPerson {
  userId: string;
  email: string;
  cookie: string;
  other: string;
}

async function signIn(email: string): Promise<string> {
  const response = await t.call("POST", "/api/auth/sign-in/email", { body: { email, password: PASSWORD } });
  expect(response.status).toBe(200);
  return response.headers
    .getSetCookie()
    .map((header) => header.split(";")[0])
    .join("; ");
}

/** A new member of the workspace with `role`, or with `role` on the document alone (a guest). */
async function newPerson(role: TRole, guest = false): Promise<TPerson> {
  const person = await t.signUp(guest ? "A guest" : `A ${role}`);
  const invitation = await owner.api.workspaces[":workspaceId"].invitations.$post({
    param: { workspaceId },
    json: guest ? { role, documentId } : { role },
  });
  const accepted = await person.api.invitations.accept.$post({
    json: { token: (await invitation.json()).token },
  });
  expect(accepted.status).toBe(200);
  return {
    userId: person.userId,
    email: person.email,
    cookie: person.cookie,
    other: await signIn(person.email),
  };
}

/** Each stream, and something the owner does that it announces. */
const workspace = () => owner.api.workspaces[":workspaceId"];
const streams = {
  comments: {
    path: () => owner.api.documents[":id"].threads.stream.$path({ param: { id: documentId } }),
    poke: () =>
      owner.api.documents[":id"].threads.$post({
        param: { id: documentId },
        json: { anchor: sampleAnchor(), quote: "urge delegations", body: "Stronger?" },
      }),
  },
  board: {
    path: () => workspace().calls.stream.$path({ param: { workspaceId } }),
    poke: () =>
      workspace().calls.$post({
        param: { workspaceId },
        json: {
          forum: "Human Rights Council",
          agendaItem: "Item 3",
          deadline: "2025-03-04T15:00:00+01:00",
          venueTimeZone: "Europe/Zurich",
        },
      }),
  },
  presence: {
    path: () => workspace().presence.stream.$path({ param: { workspaceId } }),
    poke: () =>
      workspace().presence.$post({
        param: { workspaceId },
        json: {
          connectionId: `tab-${randomUUID()}`,
          documentId: null,
          status: "remote",
          timeZone: "UTC",
        },
      }),
  },
};
type TStreamName = keyof typeof streams;

async function follow(stream: TStreamName, cookie: string) {
  const opened = await t.openStream(streams[stream].path(), cookie);
  expect(opened.status).toBe(200);
  await opened.until("event: snapshot");
  return opened;
}

/** Waits for `opened` to deliver a change the owner makes now: it is still open and still sending. */
async function stillDelivers(stream: TStreamName, opened: Awaited<ReturnType<typeof follow>>) {
  const changes = () => opened.received().split("event: change").length;
  const before = changes();
  const poked = await streams[stream].poke();
  expect(poked.status).toBeLessThan(300);
  await opened.until(() => changes() > before);
}

interface TAccessEnd {
  /** Which streams it ends (a document grant only matters to that document's comments). */
  ends: TStreamName[];
  /** The person is a guest on the document rather than a member. */
  guest?: boolean;
  act(person: TPerson): Promise<{ status: number }>;
  /** The second device's streams carry on (session-scoped events). */
  otherSurvives: boolean;
}

const accessEnds: Record<string, TAccessEnd> = {
  "removal from the workspace": {
    ends: ["comments", "board", "presence"],
    act: (person) =>
      workspace().members[":userId"].$delete({ param: { workspaceId, userId: person.userId } }),
    otherSurvives: false,
  },
  "the loss of their document grant": {
    ends: ["comments"],
    guest: true,
    act: (person) =>
      owner.api.documents[":id"].access[":userId"].$delete({
        param: { id: documentId, userId: person.userId },
      }),
    otherSurvives: false,
  },
  "signing out": {
    ends: ["comments", "board", "presence"],
    act: (person) => t.call("POST", "/api/auth/sign-out", { cookie: person.cookie, body: {} }),
    otherSurvives: true,
  },
  "signing out everywhere, from the other device": {
    ends: ["comments", "board", "presence"],
    act: (person) => t.api(person.other).account["sign-out-everywhere"].$post(),
    otherSurvives: false,
  },
  "a password change on the other device": {
    ends: ["comments", "board", "presence"],
    act: (person) =>
      t.call("PUT", "/api/account/password", {
        cookie: person.other,
        body: { currentPassword: PASSWORD, newPassword: "another long password" },
      }),
    otherSurvives: true,
  },
};

const cases = Object.entries(accessEnds).flatMap(([event, end]) =>
  end.ends.map((stream) => [stream, event, end] as const),
);

describe("event streams end when access ends", () => {
  it.each(cases)("the %s stream ends on %s", async (stream, _event, end) => {
    const person = await newPerson(end.guest ? "viewer" : "editor", end.guest);
    const ending = await follow(stream, person.cookie);
    const other = end.otherSurvives ? await follow(stream, person.other) : undefined;
    expect((await end.act(person)).status).toBe(200);
    await ending.ended();
    if (other) {
      await stillDelivers(stream, other);
      await other.close();
    }
  });

  it.each(Object.keys(streams) as TStreamName[])(
    "the %s stream stays open for a member demoted to a role that still reads",
    async (stream) => {
      const person = await newPerson("editor");
      const opened = await follow(stream, person.cookie);
      const demoted = await workspace().members[":userId"].$patch({
        param: { workspaceId, userId: person.userId },
        json: { role: "viewer" },
      });
      expect(demoted.status).toBe(200);
      // The embedded database answers in order: the stream's check ran before the owner's change.
      await stillDelivers(stream, opened);
      await opened.close();
    },
  );

  it("a grant lost on another document leaves this document's comment stream open", async () => {
    const person = await newPerson("editor");
    const elsewhere = await workspace().documents.$post({
      param: { workspaceId },
      json: { title: "Another paper" },
    });
    const otherDocument = (await elsewhere.json()).document.id;
    const opened = await follow("comments", person.cookie);
    const granted = await owner.api.documents[":id"].access[":userId"].$put({
      param: { id: otherDocument, userId: person.userId },
      json: { role: "viewer" },
    });
    expect(granted.status).toBe(200);
    await stillDelivers("comments", opened);
    await opened.close();
  });
});

describe("event streams per person and per address", () => {
  const PER_PERSON = 3;
  const PER_ADDRESS = 5;
  let capped: TTestApp;
  beforeAll(async () => {
    capped = await createTestApp({ streamsPerPerson: PER_PERSON, streamsPerAddress: PER_ADDRESS });
  }, 60_000);
  afterAll(() => capped.close());

  /** A new person, and `stream` of a workspace they create: its path, and a request for it. */
  async function newHolder(name: string, stream: "presence" | "calls") {
    const person = await capped.signUp(name);
    const created = await person.api.workspaces.$post({ json: { name: `${name}'s` } });
    expect(created.status).toBe(201);
    const param = { workspaceId: (await created.json()).workspace.id };
    const route = person.api.workspaces[":workspaceId"][stream].stream;
    return { cookie: person.cookie, path: route.$path({ param }), request: () => route.$get({ param }) };
  }
  const open = (cookie: string, path: string) => capped.openStream(path, cookie);
  /** Opens again until a slot is free: a closed stream lets go of its slot once the server sees it close. */
  async function openOnceFree(cookie: string, path: string) {
    for (let attempt = 0; attempt < 200; attempt++) {
      const opened = await open(cookie, path);
      if (opened.status === 200) return opened;
      await opened.close();
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error("no slot came free after a stream closed");
  }

  it("lets one person hold the cap, refuses one more with 429, and frees a slot when one closes", async () => {
    const person = await newHolder("One person", "presence");
    const { path } = person;
    const held = [];
    for (let i = 0; i < PER_PERSON; i++) {
      const opened = await open(person.cookie, path);
      expect(opened.status).toBe(200);
      held.push(opened);
    }
    const refused = await person.request();
    expect(refused.status).toBe(429);
    const error = await refusal(refused);
    expect(error.code).toBe("rate_limited");
    expect(error.message).toContain("live views");
    expect(refused.headers.get("retry-after")).toBe(String(STREAM_RETRY_AFTER_SECONDS));

    await held.pop()?.close();
    held.push(await openOnceFree(person.cookie, path));
    expect((await person.request()).status).toBe(429);
    for (const opened of held) await opened.close();
  });

  it("counts every person from one address together", async () => {
    const first = await newHolder("First", "calls");
    const second = await newHolder("Second", "calls");
    const [firstPath, secondPath] = [first.path, second.path];
    // Every in-process request comes from the same (unknown) address.
    const held = [];
    for (let i = 0; i < PER_PERSON; i++) held.push(await openOnceFree(first.cookie, firstPath));
    for (let i = 0; i < PER_ADDRESS - PER_PERSON; i++)
      held.push(await openOnceFree(second.cookie, secondPath));
    const refused = await second.request();
    expect(refused.status).toBe(429);
    expect((await refusal(refused)).message).toContain("from your network");
    expect(refused.headers.get("retry-after")).toBe(String(STREAM_RETRY_AFTER_SECONDS));

    await held.shift()?.close();
    held.push(await openOnceFree(second.cookie, secondPath));
    for (const opened of held) await opened.close();
  });
});
