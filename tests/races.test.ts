// Conflicting writes at the same moment (tests/support/races-suite.ts), on PostgreSQL, where two
// transactions really run at once, and on PGlite, where they run one after the other.
import { describe } from "vitest";
import { describePostgres, openTestPglite, openTestPostgres } from "./support/databases";
import { racesSuite } from "./support/races-suite";

describe("races on PGlite", () => racesSuite(openTestPglite));
describePostgres("races on PostgreSQL", () => racesSuite(openTestPostgres));
