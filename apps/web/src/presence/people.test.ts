import type { TPresenceEntry } from "@caucus/shared";
import { describe, expect, it } from "vitest";
import { groupByPerson, initials, othersOnline } from "./people";

function entry(userId: string, connectionId: string, fields: Partial<TPresenceEntry> = {}): TPresenceEntry {
  return {
    userId,
    connectionId: `${userId}.${connectionId}`,
    name: userId,
    color: "#026aa2",
    documentId: null,
    status: "remote",
    timeZone: "UTC",
    lastSeen: 1_000,
    ...fields,
  };
}

describe("groupByPerson", () => {
  it("shows a person with two tabs once, with the documents of both", () => {
    const people = groupByPerson([
      entry("diego", "a", { name: "Diego Ruiz", documentId: "d1", lastSeen: 1_000 }),
      entry("diego", "b", { name: "Diego Ruiz", documentId: "d2", lastSeen: 2_000 }),
      entry("diego", "c", { name: "Diego Ruiz", documentId: null, lastSeen: 3_000 }),
      entry("diego", "d", { name: "Diego Ruiz", documentId: "d2", lastSeen: 500 }),
    ]);
    expect(people).toHaveLength(1);
    expect(people[0]).toMatchObject({ userId: "diego", name: "Diego Ruiz", documentIds: ["d2", "d1"] });
  });

  it("takes the most present status among a person's tabs, and name and time zone from the latest", () => {
    const [person] = groupByPerson([
      entry("amina", "a", { status: "away", lastSeen: 5_000, name: "Amina Y.", timeZone: "Africa/Nairobi" }),
      entry("amina", "b", { status: "room", lastSeen: 1_000, name: "Amina", timeZone: "Europe/Vienna" }),
    ]);
    expect(person).toMatchObject({ status: "room", name: "Amina Y.", timeZone: "Africa/Nairobi" });
  });

  it("sorts in the room first, then remote, then away, then by name", () => {
    const people = groupByPerson([
      entry("u1", "a", { name: "Zeynep", status: "away" }),
      entry("u2", "a", { name: "bilal", status: "remote" }),
      entry("u3", "a", { name: "Chen", status: "room" }),
      entry("u4", "a", { name: "Ana", status: "remote" }),
      entry("u5", "a", { name: "Yusuf", status: "room" }),
      entry("u6", "a", { name: "Adé", status: "away" }),
    ]);
    expect(people.map((p) => p.name)).toEqual(["Chen", "Yusuf", "Ana", "bilal", "Adé", "Zeynep"]);
  });

  it("gives nobody for no entries", () => {
    expect(groupByPerson([])).toEqual([]);
  });
});

describe("othersOnline", () => {
  const entries = [
    entry("me", "a", { documentId: "d1" }),
    entry("diego", "a", { documentId: "d1", status: "remote" }),
    entry("diego", "b", { documentId: "d2", status: "room" }),
    entry("amina", "a", { documentId: null }),
  ];

  it("leaves out the person asking", () => {
    expect(othersOnline(entries, "me").map((p) => p.userId)).toEqual(["diego", "amina"]);
  });

  it("keeps only the tabs showing one document, with those tabs' status", () => {
    const people = othersOnline(entries, "me", { documentId: "d1" });
    expect(people).toEqual([
      expect.objectContaining({ userId: "diego", status: "remote", documentIds: ["d1"] }),
    ]);
  });
});

describe("initials", () => {
  it("takes the first letters of the first and last names", () => {
    expect(initials("Diego Ruiz")).toBe("DR");
    expect(initials("María José de la Cruz")).toBe("MC");
    expect(initials("amina")).toBe("A");
    expect(initials("amina.yusuf@example.org")).toBe("AY");
    expect(initials("  ")).toBe("?");
    expect(initials("Élodie Ñúñez")).toBe("ÉÑ");
  });
});
