import { describe } from "vitest";
import { describePostgres, openTestPglite, openTestPostgres } from "./support/databases";
import { moderationSuite } from "./support/moderation-suite";

describe("moderation on PGlite", () => moderationSuite(openTestPglite));
describePostgres("moderation on PostgreSQL", () => moderationSuite(openTestPostgres));
