import { authSuite } from "./support/auth-suite";
import { describePostgres, openTestPostgres } from "./support/databases";

describePostgres("accounts and credentials on PostgreSQL", () => authSuite(openTestPostgres));
