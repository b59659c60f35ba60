import { useServers } from "../support/fixtures.js";
import { describeStorageContract } from "../support/storageContract.js";

const servers = useServers();

// The first test's server starts on a PGlite folder that was never used, so
// the first start (creating and migrating the store) is covered; the others
// copy the migrated empty store, which is the same store without the 10 s
// first start.
let first = true;
describeStorageContract("pglite", () => {
  const freshDataDir = first;
  first = false;
  return servers.start({ freshDataDir });
});
