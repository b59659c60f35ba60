import { useServers } from "../support/fixtures.js";
import { describeStorageContract } from "../support/storageContract.js";

const servers = useServers();

// Every server starts on a new PGlite folder, which it fills with a copy of
// the build's empty, migrated database. The first test's server has no such
// template, so creating the database (initdb) and running every migration on
// it stay covered too, at 10 s more.
let first = true;
describeStorageContract("pglite", () => {
  const env: Record<string, string> = first ? { DATA_TEMPLATE: "" } : {};
  first = false;
  return servers.start({ env });
});
