// Which names leave the room in reports and exports. Forums have no setting for it yet, so the
// rule is fixed: personal names never do; delegation names, camps and groups do.
export const namesNotice =
  "Personal names of members are not included; delegation names, camps and stakeholder groups are.";
