import { describe } from "vitest";
import { openTestPglite } from "./support/databases";
import { domainSuite } from "./support/domain-suite";

describe("domain on PGlite", () => domainSuite(openTestPglite));
