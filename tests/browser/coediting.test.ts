import { describe, expect, it } from "vitest";
import { editorText, openDocument, saveState, typeAtEnd, useBrowser } from "../support/browser.js";
import { createDocument } from "../support/clients.js";
import { useServers } from "../support/fixtures.js";

const servers = useServers();
const { person, network: startNetwork } = useBrowser();

describe("two people in two browsers", () => {
  it("see each other's text and caret live", async () => {
    const server = await servers.shared();
    // An intervention: each paragraph shows its speaking time at its end.
    const { id } = await createDocument(server, "Intervention on Article 5", "intervention");
    const amina = await person(server, "Amina");
    const diego = await person(server, "Diego");
    await openDocument(amina, id);
    await openDocument(diego, id);

    await typeAtEnd(amina, "We urge the delegations to protect encryption.");
    await expect.poll(() => editorText(diego), { timeout: 15_000 }).toContain("protect encryption.");

    await diego.keyboard.press("Enter");
    await typeAtEnd(diego, "Nos oponemos a la vigilancia masiva.");
    await expect.poll(() => editorText(amina), { timeout: 15_000 }).toContain("vigilancia masiva.");

    // Each sees the other's caret, labelled with the other's name.
    await expect
      .poll(() => amina.locator(".collaboration-carets__label").allInnerTexts(), { timeout: 15_000 })
      .toContain("Diego");
    await expect
      .poll(() => diego.locator(".collaboration-carets__label").allInnerTexts(), { timeout: 15_000 })
      .toContain("Amina");

    // Diego ends with a short paragraph of his own, his caret at its end: in
    // Amina's view it stays one line, its time beside the text, not below.
    await typeAtEnd(diego, "");
    await diego.keyboard.press("Enter");
    await diego.keyboard.type("Gracias.");
    await expect.poll(() => editorText(amina), { timeout: 15_000 }).toContain("Gracias.");
    const measure = () =>
      amina.evaluate(() => {
        const paragraph = [...document.querySelectorAll(".ProseMirror p")].find((p) =>
          p.textContent?.startsWith("Gracias."),
        ) as HTMLElement | undefined;
        if (!paragraph) return { hasCaret: false, hasTime: false, lines: 0 };
        return {
          hasCaret: paragraph.querySelector(".collaboration-carets__caret") !== null,
          hasTime: paragraph.hasAttribute("data-speaking-time"),
          lines: paragraph.offsetHeight / Number.parseFloat(getComputedStyle(paragraph).lineHeight),
        };
      });
    // His caret moves are sent at a pause in his typing.
    await expect.poll(async () => (await measure()).hasCaret, { timeout: 15_000 }).toBe(true);
    const shown = await measure();
    expect(shown.hasTime).toBe(true);
    expect(shown.lines).toBeLessThan(1.5);

    await expect.poll(() => saveState(amina), { timeout: 15_000 }).toBe("saved");
    expect(await editorText(amina)).toBe(await editorText(diego));
  });

  it("merge after one of them loses the network, keeps typing and comes back", async () => {
    const server = await servers.shared();
    const { id } = await createDocument(server, "Oral intervention, item 4", "intervention");
    const network = await startNetwork(server.port);
    const remote = await person(server, "Remote member", { via: network });
    const inRoom = await person(server, "In the room");
    await openDocument(remote, id);
    await openDocument(inRoom, id);

    await typeAtEnd(remote, "Thank you, Chair.");
    await expect.poll(() => editorText(inRoom), { timeout: 15_000 }).toContain("Thank you, Chair.");

    network.cut();
    await remote.context().setOffline(true);
    await expect.poll(() => saveState(remote), { timeout: 15_000 }).toMatch(/offline|reconnecting/);
    await remote.keyboard.press("Enter");
    await typeAtEnd(remote, "Typed while the network was down.");
    await typeAtEnd(inRoom, " Edited in the room meanwhile.");
    await expect.poll(() => remote.getByTestId("save-status").getAttribute("data-pending")).not.toBe("0");
    expect(await editorText(inRoom)).not.toContain("network was down");

    network.restore();
    await remote.context().setOffline(false);
    await expect.poll(() => saveState(remote), { timeout: 30_000 }).toBe("saved");
    await expect
      .poll(() => editorText(inRoom), { timeout: 15_000 })
      .toContain("Typed while the network was down.");
    await expect
      .poll(() => editorText(remote), { timeout: 15_000 })
      .toContain("Edited in the room meanwhile.");
    expect(await editorText(remote)).toBe(await editorText(inRoom));
  });
});
