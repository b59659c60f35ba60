import axe from "axe-core";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { defaultAccount } from "../support/accounts.js";
import { documentAction, openDocument, selectText, typeAtEnd, useBrowser } from "../support/browser.js";
import { createDocument } from "../support/clients.js";
import { useServers } from "../support/fixtures.js";

/**
 * Issue 14: axe-core in the browser on every page and dialog, in English
 * and in Arabic (right to left): no critical and no serious violation.
 * axe runs inside the page (evaluated through the DevTools protocol, so the
 * app's Content-Security-Policy, which allows no inline script, stays on).
 */
const servers = useServers();
const { person } = useBrowser();

const SERIOUS = new Set(["critical", "serious"]);

interface TViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** The critical and serious violations axe finds on what `page` shows now, each as one line. */
async function audit(page: Page, where: string): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axe.source);
  const violations = await page.evaluate(async () => {
    const run = (window as unknown as { axe: typeof axe }).axe.run;
    const result = await run(document, {
      resultTypes: ["violations"],
      // Off by default (experimental): a control whose accessible name does not contain its visible words.
      rules: { "label-content-name-mismatch": { enabled: true } },
    });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? null,
      help: violation.help,
      targets: violation.nodes.slice(0, 4).map((node) => node.target.join(" ")),
    }));
  });
  return violations
    .filter((violation: TViolation) => violation.impact !== null && SERIOUS.has(violation.impact))
    .map(
      (violation: TViolation) =>
        `${where}: ${violation.id} (${violation.impact}) ${violation.help}: ${violation.targets.join(", ")}`,
    );
}

/** The main landmark is there and settled (no "Loading…" left in it). */
async function settled(page: Page): Promise<void> {
  await page.locator("main").first().waitFor({ state: "visible", timeout: 15_000 });
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), undefined, {
    timeout: 15_000,
  });
}

describe("accessibility (axe-core)", () => {
  for (const language of ["en", "ar"] as const) {
    it(`every page and dialog in ${language === "en" ? "English" : "Arabic"}: no critical or serious violation`, async () => {
      const server = await servers.shared();
      const owner = await defaultAccount(server);
      const intervention = await createDocument(
        server,
        "Intervention on agenda item 4",
        "intervention",
        owner,
      );
      const workspace = intervention.workspaceId;
      const found: string[] = [];

      // Signed out: the sign-in page.
      const visitor = await person(server, "Visitor", { signedOut: true });
      await visitor
        .context()
        .addInitScript((chosen) => localStorage.setItem("caucus:language", chosen), language);
      await visitor.goto("/");
      await visitor.getByTestId("sign-in-email").waitFor({ state: "visible", timeout: 15_000 });
      found.push(...(await audit(visitor, "sign-in")));
      // A forgotten password: how to get a link, and the page a link opens.
      await visitor.goto("/forgot-password");
      await visitor.locator("main p").first().waitFor({ state: "visible", timeout: 15_000 });
      found.push(...(await audit(visitor, "forgot-password")));
      await visitor.goto("/reset-password#token=Zm9vYmFyYmF6cXV4cXV1eF9hbmRfbW9yZQ");
      await visitor.getByTestId("reset-password").waitFor({ state: "visible", timeout: 15_000 });
      found.push(...(await audit(visitor, "reset-password")));

      const page = await person(server, "Owner", { account: owner });
      await page
        .context()
        .addInitScript((chosen) => localStorage.setItem("caucus:language", chosen), language);

      // The document page, with text, a comment composer, its menu and its dialogs.
      await openDocument(page, intervention.id);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(language);
      await typeAtEnd(page, "Thank you, Chair.");
      found.push(...(await audit(page, "document")));
      await page.getByTestId("document-menu").click();
      found.push(...(await audit(page, "document menu")));
      await page.keyboard.press("Escape");
      await documentAction(page, "delivery-settings-open");
      await page.getByRole("dialog").waitFor({ state: "visible" });
      found.push(...(await audit(page, "delivery settings")));
      await page.keyboard.press("Escape");
      await documentAction(page, "share-open");
      await page.getByRole("dialog").waitFor({ state: "visible" });
      found.push(...(await audit(page, "share")));
      await page.keyboard.press("Escape");
      await documentAction(page, "versions-open");
      await page.getByTestId("versions-panel").waitFor({ state: "visible" });
      await settled(page);
      found.push(...(await audit(page, "versions")));
      await selectText(page, "Thank you, Chair.");
      await page.keyboard.press("Control+Alt+KeyM");
      await page.getByTestId("comment-input").waitFor({ state: "visible", timeout: 15_000 });
      found.push(...(await audit(page, "comment composer")));

      // The speaker's view.
      await page.goto(`/d/${intervention.id}/deliver`);
      await settled(page);
      found.push(...(await audit(page, "delivery view")));

      // The workspace's pages.
      for (const [where, path] of [
        ["documents", `/w/${workspace}`],
        ["recently deleted", `/w/${workspace}/deleted`],
        ["calls board", `/w/${workspace}/calls`],
        ["members", `/w/${workspace}/members`],
        ["templates", `/w/${workspace}/templates`],
        ["audit", `/w/${workspace}/audit`],
        ["account", "/account"],
      ] as const) {
        await page.goto(path);
        await settled(page);
        found.push(...(await audit(page, where)));
      }
      // A call on the board, and its edit and delete dialogs.
      await page.goto(`/w/${workspace}/calls`);
      await settled(page);
      await page.getByTestId("call-forum").fill("Human Rights Council, 58th session");
      await page.getByTestId("call-agenda-item").fill("Item 3: general debate");
      await page.getByTestId("call-create-draft").uncheck();
      await page.getByTestId("create-call").click();
      await page.getByTestId("call-row").first().waitFor({ state: "visible", timeout: 15_000 });
      found.push(...(await audit(page, "calls board with a call")));
      await page.getByTestId("call-edit").first().click();
      await page.getByTestId("call-edit-dialog").waitFor({ state: "visible" });
      found.push(...(await audit(page, "call edit dialog")));
      await page.keyboard.press("Escape");
      await page.getByTestId("call-delete").first().click();
      await page.getByRole("dialog").waitFor({ state: "visible" });
      found.push(...(await audit(page, "call delete dialog")));
      await page.keyboard.press("Escape");
      await page.goto(`/w/${workspace}`);
      await settled(page);
      await page.getByTestId("new-document-open").click();
      found.push(...(await audit(page, "new document form")));
      await page.goto(`/w/${workspace}/members`);
      await settled(page);
      await page.getByTestId("invite-open").click();
      await page.getByRole("dialog").waitFor({ state: "visible" });
      found.push(...(await audit(page, "invite dialog")));
      await page.getByTestId("invite-create").click();
      await page.getByTestId("invite-link").waitFor({ state: "visible" });
      found.push(...(await audit(page, "invitation link")));

      // A phone: the one-row header with its menu, and the comments as a sheet over the text.
      const phone = await person(server, "Owner on a phone", {
        account: owner,
        phone: { width: 360, height: 740 },
      });
      await phone
        .context()
        .addInitScript((chosen) => localStorage.setItem("caucus:language", chosen), language);
      await openDocument(phone, intervention.id);
      found.push(...(await audit(phone, "document on a phone")));
      await phone.getByTestId("sheet-toggle").click();
      await phone.getByTestId("comments-panel").waitFor({ state: "visible" });
      found.push(...(await audit(phone, "comments sheet on a phone")));

      console.log(
        `axe in ${language}: ${found.length} critical or serious violation(s)\n${found.join("\n")}`,
      );
      expect(found).toEqual([]);
    });
  }
});
