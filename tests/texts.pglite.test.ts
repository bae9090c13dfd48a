import { describe } from "vitest";
import { openTestPglite } from "./support/databases";
import { textsSuite } from "./support/texts-suite";

describe("negotiating the text on PGlite", () => textsSuite(openTestPglite));
