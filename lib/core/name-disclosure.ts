// Which names leave the room in reports and exports. Delegation names, camps and stakeholder
// groups always do; members' personal names only where the forum's chair allows it.
import type { Forum } from "@/db/schema";

export function namesNotice(forum: Pick<Forum, "discloseMemberNames">): string {
  return forum.discloseMemberNames
    ? "This forum's chair allows members' names in exports: positions and comments carry them, with delegation names, camps and stakeholder groups."
    : "Personal names of members are not included; delegation names, camps and stakeholder groups are.";
}
