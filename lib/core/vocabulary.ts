// The fixed words of Concord (see DESIGN.md) with their display labels. Pure data, safe to
// import from client components; the database enums and zod schemas are built from these lists.

export const roles = ["chair", "delegate", "observer"] as const;
export type Role = (typeof roles)[number];

export const stakeholderGroups = [
  "state",
  "intergovernmental",
  "civil_society",
  "private_sector",
  "academia",
  "technical_community",
] as const;
export type StakeholderGroup = (typeof stakeholderGroups)[number];

export const camps = ["internet_freedom", "cyber_sovereignty", "non_aligned"] as const;
export type Camp = (typeof camps)[number];

export const stances = ["support", "oppose", "abstain"] as const;
export type Stance = (typeof stances)[number];

export const measureKinds = ["cbm", "norm"] as const;
export type MeasureKind = (typeof measureKinds)[number];

export const measureStatuses = [
  "draft",
  "under_discussion",
  "in_decision",
  "adopted",
  "not_adopted",
  "withdrawn",
] as const;
export type MeasureStatus = (typeof measureStatuses)[number];

export const roleLabels: Record<Role, string> = {
  chair: "Chair",
  delegate: "Delegate",
  observer: "Observer",
};

export const stakeholderGroupLabels: Record<StakeholderGroup, string> = {
  state: "State",
  intergovernmental: "Intergovernmental organisation",
  civil_society: "Civil society",
  private_sector: "Private sector",
  academia: "Academia",
  technical_community: "Technical community",
};

export const campLabels: Record<Camp, string> = {
  internet_freedom: "Internet Freedom",
  cyber_sovereignty: "Cyber Sovereignty",
  non_aligned: "Non-aligned",
};

/** Two-letter marks so a camp is never told by colour alone. */
export const campMarks: Record<Camp, string> = {
  internet_freedom: "IF",
  cyber_sovereignty: "CS",
  non_aligned: "NA",
};

export const stanceLabels: Record<Stance, string> = {
  support: "Support",
  oppose: "Oppose",
  abstain: "Abstain",
};

export const measureKindLabels: Record<MeasureKind, string> = {
  cbm: "Confidence-building measure",
  norm: "Norm",
};

export const measureStatusLabels: Record<MeasureStatus, string> = {
  draft: "Draft",
  under_discussion: "Under discussion",
  in_decision: "In decision",
  adopted: "Adopted",
  not_adopted: "Not adopted",
  withdrawn: "Withdrawn",
};

export const decisionRules = ["simple_majority", "two_thirds", "consensus", "cross_camp", "silence"] as const;
export type DecisionRule = (typeof decisionRules)[number];

export const measureCategories = [
  "transparency",
  "cooperation_communication",
  "stability_restraint",
  "capacity_building",
  "critical_infrastructure",
  "other",
] as const;
export type MeasureCategory = (typeof measureCategories)[number];

export const measureCategoryLabels: Record<MeasureCategory, string> = {
  transparency: "Transparency",
  cooperation_communication: "Cooperation and communication",
  stability_restraint: "Stability and restraint",
  capacity_building: "Capacity building",
  critical_infrastructure: "Critical infrastructure protection",
  other: "Other",
};

export const forumStatuses = ["open", "closed"] as const;
export type ForumStatus = (typeof forumStatuses)[number];

export const paragraphStatuses = ["agreed", "bracketed"] as const;
export type ParagraphStatus = (typeof paragraphStatuses)[number];

/** What an alternative proposes for the text: new wording for a paragraph, a new paragraph, or none. */
export const alternativeKinds = ["replace", "insert", "delete"] as const;
export type AlternativeKind = (typeof alternativeKinds)[number];

export const alternativeStatuses = ["open", "chosen", "set_aside"] as const;
export type AlternativeStatus = (typeof alternativeStatuses)[number];

export const amendmentStatuses = ["open", "accepted", "rejected"] as const;
export type AmendmentStatus = (typeof amendmentStatuses)[number];
