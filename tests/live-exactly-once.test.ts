import { describe } from "vitest";
import { openTestPglite, openTestPostgres, postgresUrl } from "./support/databases";
import { exactlyOnceSuite } from "./support/exactly-once-suite";

if (!postgresUrl) console.log("Skipping the exactly-once suite on PostgreSQL: TEST_DATABASE_URL is not set.");

describe("exactly once on PGlite", () => exactlyOnceSuite(openTestPglite));
describe.skipIf(!postgresUrl)("exactly once on PostgreSQL", () => exactlyOnceSuite(openTestPostgres));
