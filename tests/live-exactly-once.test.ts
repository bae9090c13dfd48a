import { describe } from "vitest";
import { describePostgres, openTestPglite, openTestPostgres } from "./support/databases";
import { exactlyOnceSuite } from "./support/exactly-once-suite";

describe("exactly once on PGlite", () => exactlyOnceSuite(openTestPglite));
describePostgres("exactly once on PostgreSQL", () => exactlyOnceSuite(openTestPostgres));
