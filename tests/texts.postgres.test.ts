import { describePostgres, openTestPostgres } from "./support/databases";
import { textsSuite } from "./support/texts-suite";

describePostgres("negotiating the text on PostgreSQL", () => textsSuite(openTestPostgres));
