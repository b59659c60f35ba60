import type { TDocument } from "@caucus/shared";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { defaultAccount, memberOf, signIn, TEST_PASSWORD, workspaceOf } from "../support/accounts.js";
import { documentAction, editorText, openDocument, typeAtEnd, useBrowser } from "../support/browser.js";
import { api, createDocument, waitFor } from "../support/clients.js";
import { useServers } from "../support/fixtures.js";

const servers = useServers();
const browser = useBrowser();

/** The document as the signed-in page's own session sees it. */
function documentAsPage(page: Page, id: string): Promise<{ status: number; role?: string }> {
  return page.evaluate(async (documentId) => {
    const response = await fetch(`/api/documents/${documentId}`);
    const body = (await response.json()) as { document?: TDocument };
    return { status: response.status, role: body.document?.role };
  }, id);
}

describe("accounts in the browser", () => {
  it("a fresh install opens on creating the first account; once one exists, on signing in", async () => {
    const server = await servers.start();
    const founder = await browser.person(server, "Founder", { signedOut: true });
    await founder.goto("/");
    await expect.poll(() => new URL(founder.url()).pathname, { timeout: 15_000 }).toBe("/sign-up");
    await founder.getByTestId("sign-up-name").waitFor({ state: "visible" });

    await defaultAccount(server);
    const visitor = await browser.person(server, "Visitor", { signedOut: true });
    await visitor.goto("/");
    await expect.poll(() => new URL(visitor.url()).pathname, { timeout: 15_000 }).toBe("/sign-in");
    await visitor.getByTestId("sign-in-email").waitFor({ state: "visible" });
    // It stays there: the install has an account to sign in to.
    await visitor.waitForTimeout(1_000);
    expect(new URL(visitor.url()).pathname).toBe("/sign-in");
  });

  it("an owner invites to one document by link; a newcomer signs up through it (accounts by invitation only) and lands in it, able only to suggest", async () => {
    const server = await servers.shared({ env: { SIGN_UP: "invitation" } });
    const owner = await defaultAccount(server);
    const { id } = await createDocument(server, "Sign-on letter to delegations", "letter");

    // The owner opens the document, shares it and copies an invitation link for a commenter.
    const ownerPage = await browser.person(server, "Owner", { account: owner });
    await openDocument(ownerPage, id);
    await documentAction(ownerPage, "share-open");
    await ownerPage.getByTestId("invite-role").selectOption("commenter");
    await ownerPage.getByTestId("invite-create").click();
    const link = await waitFor(() => ownerPage.getByTestId("invite-link").inputValue(), {
      message: "the invitation link to show",
    });
    expect(link).toMatch(new RegExp(`^${server.url}/invite#[A-Za-z0-9_-]{20,}$`));
    await ownerPage.keyboard.press("Escape");
    await typeAtEnd(ownerPage, "We, the undersigned organisations");

    // A newcomer, signed out, follows the link, creates an account and accepts.
    const newcomer = await browser.person(server, "Ally", { signedOut: true });
    await newcomer.goto(link);
    await expect
      .poll(() => newcomer.locator("main").textContent(), { timeout: 15_000 })
      .toContain("Sign-on letter to delegations");
    await newcomer.getByRole("link", { name: "Create account" }).click();
    await newcomer.getByTestId("sign-up-name").fill("Ally from academia");
    await newcomer.getByTestId("sign-up-email").fill(`ally.${Date.now()}@example.org`);
    await newcomer.getByTestId("sign-up-password").fill(TEST_PASSWORD);
    await newcomer.getByTestId("sign-up-submit").click();
    await newcomer.getByTestId("invite-accept").click({ timeout: 15_000 });

    // They land in the document, with the owner's text, as commenter: they may only suggest.
    await newcomer.waitForURL(new RegExp(`/d/${id}$`), { timeout: 15_000 });
    await newcomer.getByTestId("suggest-only-banner").waitFor({ state: "visible", timeout: 15_000 });
    await expect
      .poll(() => editorText(newcomer), { timeout: 15_000 })
      .toBe("We, the undersigned organisations");
    expect(await newcomer.getByTestId("suggest-mode").getAttribute("data-mode")).toBe("suggesting");
    expect(await documentAsPage(newcomer, id)).toEqual({ status: 200, role: "commenter" });
    // The token is gone from the address bar once used.
    expect(new URL(newcomer.url()).hash).toBe("");

    // A guest of one document sees nothing else of the workspace.
    const workspaceId = await workspaceOf(server, owner);
    const listed = await newcomer.evaluate(
      async (path) => (await fetch(path)).status,
      `/api/workspaces/${workspaceId}/documents`,
    );
    expect(listed).toBe(403);

    // The used link does not work a second time, nor opens an account.
    const again = await browser.person(server, "Someone else", { signedOut: true });
    await again.goto(link);
    await expect
      .poll(() => again.getByRole("alert").textContent(), { timeout: 15_000 })
      .toMatch(/not valid|expired|used/i);
    await again.goto("/sign-up");
    await again.getByText("New accounts here need an invitation link.").waitFor({ timeout: 15_000 });
    expect(await again.getByTestId("sign-up-name").count()).toBe(0);
  });

  it("a viewer sees a read-only banner, and a member removed while editing is cut off at once", async () => {
    const server = await servers.shared();
    const owner = await defaultAccount(server);
    const { id } = await createDocument(server, "Intervention, item 3", "intervention");

    const viewer = await browser.person(server, "Viewer", { role: "viewer" });
    await viewer.goto(`/d/${id}`);
    await viewer.getByTestId("read-only-banner").waitFor({ state: "visible", timeout: 15_000 });
    expect(await viewer.locator(".ProseMirror").getAttribute("contenteditable")).toBe("false");
    expect(await viewer.getByTestId("share-open").count()).toBe(0);

    const member = await memberOf(server, "Member with a lost phone", "editor");
    const phone = await browser.person(server, member.name, { account: member });
    await openDocument(phone, id);
    await typeAtEnd(phone, "Typed before the phone was lost.");
    // The viewer reads it live.
    await expect.poll(() => editorText(viewer), { timeout: 15_000 }).toBe("Typed before the phone was lost.");

    const workspaceId = await workspaceOf(server, owner);
    const removed = await api(server, "DELETE", `/api/workspaces/${workspaceId}/members/${member.userId}`);
    expect(removed.status).toBe(200);
    await expect
      .poll(() => phone.getByRole("alert").first().textContent(), { timeout: 10_000 })
      .toMatch(/no longer have access|not allowed|access/i);
    expect(await documentAsPage(phone, id)).toMatchObject({ status: 403 });
    expect(await phone.locator(".ProseMirror").count()).toBe(0);
  });

  it("a member changes their name, sign-in address and password on the account page; the phone left signed in is signed out", async () => {
    const server = await servers.shared();
    const member = await memberOf(server, "Changes everything", "editor");
    const laptop = await browser.person(server, member.name, { account: member });
    const phone = await browser.person(server, member.name, { account: await signIn(server, member) });
    await phone.goto("/account");
    await laptop.goto("/account");

    const name = laptop.getByTestId("account-name");
    await name.fill("Changed Everything");
    await laptop.getByRole("button", { name: "Save name" }).click();
    await laptop.getByText("Your name is saved.").waitFor({ timeout: 15_000 });

    const newEmail = `changed.${Date.now()}@example.org`;
    await laptop.getByTestId("account-email").fill(newEmail);
    const emailForm = laptop.getByRole("form", { name: "Your sign-in email" });
    await emailForm.getByLabel("Your current password").fill("not my password");
    await emailForm.getByRole("button", { name: "Change email" }).click();
    await expect
      .poll(() => emailForm.getByRole("alert").textContent(), { timeout: 15_000 })
      .toMatch(/password is not right/);
    await emailForm.getByLabel("Your current password").fill(TEST_PASSWORD);
    await emailForm.getByRole("button", { name: "Change email" }).click();
    await laptop.getByText(`You sign in with ${newEmail}.`).waitFor({ timeout: 15_000 });

    const newPassword = "a new and longer passphrase";
    await laptop.getByTestId("account-current-password").fill(TEST_PASSWORD);
    await laptop.getByTestId("account-new-password").fill(newPassword);
    await laptop.getByRole("button", { name: "Change password" }).click();
    await laptop.getByText("Your password is changed").waitFor({ timeout: 15_000 });

    // This device carries on; the phone's session is gone.
    expect(await laptop.evaluate(async () => (await fetch("/api/me")).status)).toBe(200);
    expect(await phone.evaluate(async () => (await fetch("/api/me")).status)).toBe(401);
    const again = await signIn(server, { ...member, email: newEmail, password: newPassword });
    const me = await fetch(`${server.url}/api/me`, { headers: { cookie: again.cookie } });
    expect((await me.json()).user).toMatchObject({ name: "Changed Everything", email: newEmail });
  });

  it("a member who forgot their password gets a reset link from an owner (no mail here), sets a new one, and their lost phone is signed out", async () => {
    const server = await servers.shared();
    const owner = await defaultAccount(server);
    const member = await memberOf(server, "Forgot the password", "editor");
    const phone = await browser.person(server, member.name, { account: member });
    await phone.goto("/account");

    // The sign-in page says where a link comes from here.
    const forgetful = await browser.person(server, member.name, { signedOut: true });
    await forgetful.goto("/sign-in");
    await forgetful.getByRole("link", { name: "Forgot your password?" }).click();
    await forgetful.getByText("Ask an owner of your workspace for a reset link").waitFor({ timeout: 15_000 });

    const ownerPage = await browser.person(server, "Owner", { account: owner });
    await ownerPage.goto(`/w/${await workspaceOf(server, owner)}/members`);
    await ownerPage.getByRole("button", { name: `Make a password reset link for ${member.name}` }).click();
    const link = await waitFor(() => ownerPage.getByTestId("reset-link").inputValue(), {
      message: "the reset link to show",
    });
    expect(link).toMatch(new RegExp(`^${server.url}/reset-password#token=[A-Za-z0-9_-]{43}$`));

    await forgetful.goto(link);
    // The token leaves the address bar as soon as the page has read it.
    await expect.poll(() => new URL(forgetful.url()).hash).toBe("");
    const newPassword = "a remembered passphrase";
    await forgetful.getByTestId("reset-password").fill(newPassword);
    await forgetful.getByRole("button", { name: "Set new password" }).click();
    await forgetful.getByText("Your new password is set").waitFor({ timeout: 15_000 });
    expect(await phone.evaluate(async () => (await fetch("/api/me")).status)).toBe(401);

    await forgetful.getByRole("link", { name: "Sign in" }).click();
    await forgetful.getByTestId("sign-in-email").fill(member.email);
    await forgetful.getByTestId("sign-in-password").fill(newPassword);
    await forgetful.getByTestId("sign-in-submit").click();
    await expect.poll(() => new URL(forgetful.url()).pathname, { timeout: 15_000 }).not.toBe("/sign-in");
    expect(await forgetful.evaluate(async () => (await fetch("/api/me")).status)).toBe(200);

    // Used once: the same link now says to ask for a new one.
    const again = await browser.person(server, "Someone", { signedOut: true });
    await again.goto(link);
    await again.getByTestId("reset-password").fill("yet another passphrase");
    await again.getByRole("button", { name: "Set new password" }).click();
    await expect
      .poll(() => again.getByRole("alert").textContent(), { timeout: 15_000 })
      .toMatch(/no longer works/);
  });

  it("signing up with an address that already has an account says to sign in, and signs no one in", async () => {
    const server = await servers.shared();
    const owner = await defaultAccount(server);
    const page = await browser.person(server, "Someone", { signedOut: true });
    await page.goto(`${server.url}/sign-up`);
    await page.getByTestId("sign-up-name").fill("Someone else entirely");
    await page.getByTestId("sign-up-email").fill(owner.email);
    await page.getByTestId("sign-up-password").fill("a different long password");
    await page.getByTestId("sign-up-submit").click();
    await expect
      .poll(() => page.getByRole("alert").textContent(), { timeout: 15_000 })
      .toMatch(/already has an account\. Sign in/);
    expect(await page.evaluate(async () => (await fetch("/api/me")).status)).toBe(401);
  });
});
