import { describe } from "vitest";
import { openTestPostgres, postgresUrl } from "./support/databases";
import { decisionsSuite } from "./support/decisions-suite";

if (!postgresUrl) console.log("Skipping the PostgreSQL decisions suite: TEST_DATABASE_URL is not set.");

describe.skipIf(!postgresUrl)("roles, lifecycle and decisions on PostgreSQL", () => decisionsSuite(openTestPostgres));
