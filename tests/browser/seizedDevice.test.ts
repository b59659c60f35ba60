import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { defaultAccount, memberOf, signIn, workspaceOf } from "../support/accounts.js";
import { openDocument, pendingEdits, typeAtEnd, useBrowser } from "../support/browser.js";
import { api, createDocument } from "../support/clients.js";
import { useServers } from "../support/fixtures.js";

/** A seized or lost device keeps nothing the person can no longer read (issue 16). */

const servers = useServers();
const browser = useBrowser();

/** What this device holds of `documentId`: its IndexedDB copy and localStorage entries naming it. */
function keptOf(page: Page, documentId: string): Promise<{ database: boolean; entries: string[] }> {
  return page.evaluate(async (id) => {
    const databases = await indexedDB.databases();
    const entries = Object.keys(localStorage).filter((key) => key.includes(id));
    return { database: databases.some((database) => database.name === id), entries };
  }, documentId);
}

describe("a seized or lost device", () => {
  it("'Sign out and erase this device' says how many edits have not reached the server, then deletes every copy", async () => {
    const server = await servers.shared();
    const { id } = await createDocument(server, "Statement on reprisals", "statement");
    const member = await memberOf(server, "Carries a phone", "editor");
    const phone = await browser.person(server, member.name, { account: member });
    await openDocument(phone, id);
    await typeAtEnd(phone, "Kept on the phone.");
    expect(await keptOf(phone, id)).toMatchObject({ database: true });

    // Typed with no network: these have not reached the server.
    await phone.context().setOffline(true);
    await typeAtEnd(phone, " Typed offline.");
    await expect.poll(() => pendingEdits(phone), { timeout: 10_000 }).toBeGreaterThan(0);
    // A plain sign-out would delete them with the copies: it says so and lets the person stay.
    await phone.getByTestId("account-menu").click();
    await phone.getByTestId("sign-out").click();
    const warning = phone.getByRole("dialog");
    await expect
      .poll(() => warning.textContent(), { timeout: 10_000 })
      .toMatch(/\d+ edits? made on this device (has|have) not reached the server yet/);
    await warning.getByRole("button", { name: "Cancel" }).click();
    expect(await pendingEdits(phone)).toBeGreaterThan(0);

    // To the account page within the app (no request needed).
    await phone.getByTestId("account-menu").click();
    await phone.getByRole("link", { name: "Account and security" }).click();
    await phone.getByTestId("sign-out-and-erase").click();
    const dialog = phone.getByRole("dialog");
    await expect
      .poll(() => dialog.textContent(), { timeout: 10_000 })
      .toMatch(/\d+ edits? made on this device (has|have) not reached the server yet and will be lost/);

    await phone.context().setOffline(false);
    await dialog.getByRole("button", { name: "Erase and sign out" }).click();
    await phone.getByText("This device is erased").waitFor({ timeout: 15_000 });
    expect(await keptOf(phone, id)).toEqual({ database: false, entries: [] });
    const left = await phone.evaluate(() =>
      Object.keys(localStorage).filter((key) => key !== "caucus:language"),
    );
    expect(left.filter((key) => key.startsWith("caucus:document") || key === "caucus:me")).toEqual([]);
    expect(await phone.evaluate(async () => (await fetch("/api/me")).status)).toBe(401);
  });

  it("deletes a document's copy once its person is removed, and every copy once they are signed out everywhere", async () => {
    const server = await servers.shared();
    const owner = await defaultAccount(server);
    const { id } = await createDocument(server, "Draft resolution, operative 4", "statement");
    const member = await memberOf(server, "Removed later", "editor");
    const phone = await browser.person(server, member.name, { account: member });
    await openDocument(phone, id);
    await typeAtEnd(phone, "Read before removal.");
    await phone.goto("/account");
    expect(await keptOf(phone, id)).toMatchObject({ database: true });

    const workspaceId = await workspaceOf(server, owner);
    expect(
      (await api(server, "DELETE", `/api/workspaces/${workspaceId}/members/${member.userId}`)).status,
    ).toBe(200);
    // The next time the phone connects to the document, its copy goes.
    await phone.goto(`/d/${id}`);
    await expect.poll(() => keptOf(phone, id), { timeout: 15_000 }).toEqual({ database: false, entries: [] });

    // Another member's phone; they sign out everywhere from a laptop.
    const other = await memberOf(server, "Signs out everywhere", "editor");
    const otherPhone = await browser.person(server, other.name, { account: other });
    await openDocument(otherPhone, id);
    await typeAtEnd(otherPhone, " And another line.");
    await otherPhone.goto("/account");
    expect(await keptOf(otherPhone, id)).toMatchObject({ database: true });
    const laptop = await signIn(server, other);
    const everywhere = await fetch(`${server.url}/api/account/sign-out-everywhere`, {
      method: "POST",
      headers: { cookie: laptop.cookie, origin: server.url, "content-type": "application/json" },
      body: "{}",
    });
    expect(everywhere.status).toBe(200);
    await otherPhone.goto(`/d/${id}`);
    await expect
      .poll(() => keptOf(otherPhone, id), { timeout: 15_000 })
      .toEqual({ database: false, entries: [] });
    expect(new URL(otherPhone.url()).pathname).toBe("/sign-in");
  });
});
