import { describe } from "vitest";
import { openTestPostgres, postgresUrl } from "./support/databases";
import { textsSuite } from "./support/texts-suite";

if (!postgresUrl) console.log("Skipping the PostgreSQL text-negotiation suite: TEST_DATABASE_URL is not set.");

describe.skipIf(!postgresUrl)("negotiating the text on PostgreSQL", () => textsSuite(openTestPostgres));
