import { describe } from "vitest";
import { openTestPostgres, postgresUrl } from "./support/databases";
import { domainSuite } from "./support/domain-suite";

if (!postgresUrl) console.log("Skipping the PostgreSQL integration suite: TEST_DATABASE_URL is not set.");

describe.skipIf(!postgresUrl)("domain on PostgreSQL", () => domainSuite(openTestPostgres));
