import { describePostgres, openTestPostgres } from "./support/databases";
import { decisionsSuite } from "./support/decisions-suite";

describePostgres("roles, lifecycle and decisions on PostgreSQL", () => decisionsSuite(openTestPostgres));
