import { describePostgres, openTestPostgres } from "./support/databases";
import { domainSuite } from "./support/domain-suite";

describePostgres("domain on PostgreSQL", () => domainSuite(openTestPostgres));
