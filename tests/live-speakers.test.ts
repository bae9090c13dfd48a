import { describe } from "vitest";
import { describePostgres, openTestPglite, openTestPostgres } from "./support/databases";
import { speakersSuite } from "./support/speakers-suite";

describe("speakers' list on PGlite", () => speakersSuite(openTestPglite));
describePostgres("speakers' list on PostgreSQL", () => speakersSuite(openTestPostgres));
