import { CloseCode } from "@caucus/shared";
import { describe, expect, it } from "vitest";
import {
  connectClient,
  createDocument,
  readText,
  waitFor,
  waitForStored,
  waitForSynced,
} from "../support/clients.js";
import { useServers } from "../support/fixtures.js";
import { sleep } from "../support/ports.js";

const servers = useServers();

describe("durability across server restarts", () => {
  it("content survives a graceful restart on the same DATA_DIR", async () => {
    // A long store delay: only the shutdown itself can have stored the edit.
    const server = await servers.start({ env: { STORE_DELAY_MS: "30000" } });
    const { id } = await createDocument(server, "Sign-on letter", "letter");
    const writer = connectClient(server, id);
    const observer = connectClient(server, id);
    await Promise.all([waitForSynced(writer.provider), waitForSynced(observer.provider)]);
    const content =
      "We, the undersigned organisations, call on member states — ¡juntos! — to protect encryption.";
    writer.ytext.insert(0, content);
    // Once another client sees it, the server has it in memory.
    await waitFor(() => observer.text() === content, { message: "observer to receive the letter" });

    const exit = await server.stop();
    expect(exit).toEqual({ code: 0, signal: null });
    // The clients must not be the ones bringing the text back after the restart.
    writer.destroy();
    observer.destroy();
    await server.restart();

    expect(await readText(server, id)).toBe(content);
  });

  it("a client that keeps typing through a SIGKILL and restart loses none of its edits", async () => {
    const server = await servers.start({ env: { STORE_DELAY_MS: "100" } });
    const { id } = await createDocument(server, "Typing through a crash");
    const writer = connectClient(server, id, { stored: true });
    await waitForSynced(writer.provider);

    const tokens: string[] = [];
    const type = () => {
      const token = `<${tokens.length}>`;
      tokens.push(token);
      writer.ytext.insert(writer.ytext.length, token);
    };
    const typing = setInterval(type, 15);
    try {
      await sleep(600);
      const beforeCrash = tokens.length;
      await server.kill("SIGKILL");
      await sleep(400); // typing on while the server is down
      await server.restart(); // same port: the provider finds it by itself
      await waitForSynced(writer.provider, 15_000);
      await sleep(400); // and typing on after the reconnect
      expect(beforeCrash).toBeGreaterThan(10);
    } finally {
      clearInterval(typing);
    }
    const expected = tokens.join("");
    expect(writer.text()).toBe(expected);

    // The server confirms it stored everything the client has...
    await waitForStored(writer, 15_000);
    const fresh = await readText(server, id);
    expect(fresh).toBe(expected);

    // ...and that confirmation holds through another crash.
    writer.destroy();
    await server.kill("SIGKILL");
    await server.restart();
    const afterSecondCrash = await readText(server, id);
    expect(afterSecondCrash.length).toBe(expected.length);
    expect(afterSecondCrash).toBe(expected);
  });

  it("SIGTERM closes connected clients with 1012; they reconnect to the new process and keep every edit", async () => {
    const server = await servers.start();
    const { id } = await createDocument(server, "Restart with people typing", "analysis");
    const alice = connectClient(server, id);
    const bob = connectClient(server, id);
    await Promise.all([waitForSynced(alice.provider), waitForSynced(bob.provider)]);
    alice.ytext.insert(0, "Article 14: ");
    await waitFor(() => bob.text() === "Article 14: ", { message: "bob to see alice's first edit" });

    const exit = await server.stop();
    expect(exit).toEqual({ code: 0, signal: null });
    await waitFor(
      () => alice.closeCodes.includes(CloseCode.restarting) && bob.closeCodes.includes(CloseCode.restarting),
      { message: () => `both clients to see 1012 (alice ${alice.closeCodes}, bob ${bob.closeCodes})` },
    );
    expect(alice.closeCodes[0]).toBe(CloseCode.restarting);
    expect(bob.closeCodes[0]).toBe(CloseCode.restarting);

    // Both keep writing while no server is there.
    alice.ytext.insert(alice.ytext.length, "red line on data retention.");
    bob.ytext.insert(0, "[offline note] ");

    await server.restart();
    await Promise.all([waitForSynced(alice.provider, 15_000), waitForSynced(bob.provider, 15_000)]);
    const expected = "[offline note] Article 14: red line on data retention.";
    await waitFor(() => alice.text() === expected && bob.text() === expected, {
      message: () =>
        `both to converge; alice=${JSON.stringify(alice.text())} bob=${JSON.stringify(bob.text())}`,
    });

    // Live sync works on the new process too.
    bob.ytext.insert(bob.ytext.length, " Agreed.");
    await waitFor(() => alice.text() === `${expected} Agreed.`, {
      message: "alice to see bob's edit after restart",
    });
    expect(await readText(server, id)).toBe(`${expected} Agreed.`);
  });
});
