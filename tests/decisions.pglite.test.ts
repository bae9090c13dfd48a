import { describe } from "vitest";
import { openTestPglite } from "./support/databases";
import { decisionsSuite } from "./support/decisions-suite";

describe("roles, lifecycle and decisions on PGlite", () => decisionsSuite(openTestPglite));
