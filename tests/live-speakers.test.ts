import { describe } from "vitest";
import { openTestPglite, openTestPostgres, postgresUrl } from "./support/databases";
import { speakersSuite } from "./support/speakers-suite";

if (!postgresUrl) console.log("Skipping the speakers' list suite on PostgreSQL: TEST_DATABASE_URL is not set.");

describe("speakers' list on PGlite", () => speakersSuite(openTestPglite));
describe.skipIf(!postgresUrl)("speakers' list on PostgreSQL", () => speakersSuite(openTestPostgres));
