import { useServers } from "../support/fixtures.js";
import { describeStorageContract } from "../support/storageContract.js";

const servers = useServers();

// Each test gets its own server on a PGlite folder that was never used, so the
// first start (creating and migrating the store) is covered too.
describeStorageContract("pglite", () => servers.start({ freshDataDir: true }));
