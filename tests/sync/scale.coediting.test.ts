import type { TPresenceEntry } from "@caucus/shared";
import { describe, expect, it } from "vitest";
import { memberOf, type TestAccount, workspaceOf } from "../support/accounts.js";
import {
  api,
  createDocument,
  type ServerAddress,
  type TestClient,
  waitFor,
  waitForStored,
} from "../support/clients.js";
import {
  connectDirectly,
  connectThroughProxy,
  readStoredText,
  socketsPerInstance,
  type TestCluster,
  useCluster,
} from "../support/cluster.js";
import { sleep } from "../support/ports.js";
import type { TestServer } from "../support/server.js";
import { expectEveryToken, startTyping, stopAll, waitForConvergence } from "../support/typists.js";

/**
 * Two and three instances on one PostgreSQL and one Redis, behind the
 * shipped nginx config: stock y-websocket clients on different instances
 * co-edit one document and converge, see each other's carets, and every
 * instance lists the same people in it. The clients that decide the
 * outcome are connected straight to a named instance, so they are on
 * different instances for certain; a group through the proxy joins them.
 */

const scale = useCluster();

function startInstances(count: number): Promise<TestCluster> {
  return scale.start(count);
}

/** What y-websocket clients put in awareness: who they are and where their caret is. */
interface TCaret {
  user: { name: string };
  cursor: { index: number };
}

function caretOf(observer: TestClient, author: TestClient): TCaret | undefined {
  return observer.provider.awareness.getStates().get(author.ydoc.clientID) as TCaret | undefined;
}

/** Waits until every observer shows `author`'s caret at `index`. */
async function waitForCaret(observers: TestClient[], author: TestClient, name: string, index: number) {
  await waitFor(
    () =>
      observers.every((observer) => {
        const caret = caretOf(observer, author);
        return caret?.user.name === name && caret.cursor.index === index;
      }),
    {
      message: () =>
        `${name}'s caret at ${index} on every client; seen ${JSON.stringify(observers.map((o) => caretOf(o, author) ?? null))}`,
    },
  );
}

/** Everyone's edits stored: each client's own instance confirms it holds all the client has. */
async function waitForAllStored(clients: TestClient[]) {
  await Promise.all(clients.map((client) => waitForStored(client, 15_000)));
}

describe("co-editing across instances", () => {
  it("two instances: clients on each converge, see each other's carets, and the database holds every edit", async () => {
    const cluster = await startInstances(2);
    const [first, second] = cluster.instances as [TestServer, TestServer];
    const { id } = await createDocument(cluster.proxy, "Joint submission on the cybercrime treaty");

    // Carets carry the names of the accounts behind them.
    const amina = await connectDirectly(cluster, first, id, await memberOf(cluster.proxy, "Amina"));
    const rahim = await connectDirectly(cluster, second, id, await memberOf(cluster.proxy, "Rahim"));
    const proxied = await connectThroughProxy(cluster, id, 2);
    // One direct client and one from the proxy on each instance.
    expect(await socketsPerInstance(cluster, 4)).toEqual([2, 2]);
    const everyone = [amina, rahim, ...proxied];

    const typists = [
      startTyping("amina", amina),
      startTyping("rahim", rahim),
      ...proxied.map((client, i) => startTyping(`proxied-${i}`, client)),
    ];
    try {
      amina.provider.awareness.setLocalState({ user: { name: "Amina" }, cursor: { index: 0 } });
      rahim.provider.awareness.setLocalState({ user: { name: "Rahim" }, cursor: { index: 3 } });
      await waitForCaret(everyone, amina, "Amina", 0);
      await waitForCaret(everyone, rahim, "Rahim", 3);
      // A caret that moves, not only one that appears.
      amina.provider.awareness.setLocalStateField("cursor", { index: 42 });
      await waitForCaret([rahim, ...proxied], amina, "Amina", 42);
      await sleep(1_000);
    } finally {
      stopAll(typists);
    }

    const text = await waitForConvergence(everyone, typists);
    for (const [i, client] of everyone.entries()) expectEveryToken(client.text(), typists, `client ${i}`);
    expect(typists.every((typist) => typist.tokens.length >= 10)).toBe(true);
    await waitForAllStored(everyone);

    // Amina leaves: her caret goes from the other instance too.
    amina.destroy();
    await waitFor(() => caretOf(rahim, amina) === undefined, {
      message: "Amina's caret to disappear from Rahim's client on the other instance",
    });

    const stored = await readStoredText(cluster, id);
    expectEveryToken(stored, typists, "the stored document");
    expect(stored).toBe(text);
  });

  it("three instances: clients on each converge, carets cross, and every instance lists the same people", async () => {
    const cluster = await startInstances(3);
    const instances = cluster.instances;
    const { id } = await createDocument(cluster.proxy, "Statement for the HRC session");
    const workspaceId = await workspaceOf(cluster.proxy, cluster.owner);

    const names = ["Amina", "Rahim", "Lucia"];
    const people: TestAccount[] = [cluster.owner];
    for (const name of names.slice(1)) people.push(await memberOf(cluster.proxy, name));
    const direct = await Promise.all(
      instances.map((instance, i) => connectDirectly(cluster, instance, id, people[i])),
    );
    const proxied = await connectThroughProxy(cluster, id, 3);
    expect(await socketsPerInstance(cluster, 6)).toEqual([2, 2, 2]);
    const everyone = [...direct, ...proxied];

    // People in the document report presence, each through another instance and once through the proxy.
    for (const [i, person] of people.entries()) {
      await reportPresence(instances[i] as TestServer, person, workspaceId, id, `tab-${i}-abcdef`);
      await reportPresence(cluster.proxy, person, workspaceId, id, `tab-${i}-abcdef`);
    }

    const expectedPeople = people.map((person) => `${person.name} in ${id}`).sort();
    for (const instance of instances) {
      let seen: string[] = [];
      await waitFor(
        async () => {
          seen = (await presenceOn(instance, cluster.owner, workspaceId)).map(
            (entry) => `${entry.name} in ${entry.documentId}`,
          );
          return JSON.stringify(seen.sort()) === JSON.stringify(expectedPeople);
        },
        { message: () => `instance on ${instance.port} to list everyone in the document (seen ${seen})` },
      );
    }

    const typists = [
      ...direct.map((client, i) => startTyping(`direct-${i}`, client)),
      ...proxied.map((client, i) => startTyping(`proxied-${i}`, client)),
    ];
    try {
      for (const [i, client] of direct.entries()) {
        client.provider.awareness.setLocalState({ user: { name: people[i]?.name }, cursor: { index: i } });
      }
      // The name shown is the account's, whatever the client says.
      for (const [i, client] of direct.entries()) {
        await waitForCaret(everyone, client, (people[i] as TestAccount).name, i);
      }
      await sleep(1_000);
    } finally {
      stopAll(typists);
    }

    const text = await waitForConvergence(everyone, typists);
    for (const [i, client] of everyone.entries()) expectEveryToken(client.text(), typists, `client ${i}`);
    await waitForAllStored(everyone);
    const stored = await readStoredText(cluster, id);
    expect(stored).toBe(text);
  });
});

async function reportPresence(
  through: ServerAddress,
  person: TestAccount,
  workspaceId: string,
  documentId: string,
  tab: string,
) {
  const { status, body } = await api(
    through,
    "POST",
    `/api/workspaces/${workspaceId}/presence`,
    { connectionId: tab, documentId, status: "remote", timeZone: "Africa/Nairobi" },
    { account: person },
  );
  expect(status, JSON.stringify(body)).toBe(200);
}

/** The presence list as one instance, asked directly, has it. */
async function presenceOn(
  instance: TestServer,
  viewer: TestAccount,
  workspaceId: string,
): Promise<TPresenceEntry[]> {
  const { status, body } = await api<{ entries: TPresenceEntry[] }>(
    instance,
    "GET",
    `/api/workspaces/${workspaceId}/presence`,
    undefined,
    { account: viewer },
  );
  expect(status).toBe(200);
  return body.entries;
}
