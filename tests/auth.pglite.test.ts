import { describe } from "vitest";
import { authSuite } from "./support/auth-suite";
import { openTestPglite } from "./support/databases";

describe("accounts and credentials on PGlite", () => authSuite(openTestPglite));
