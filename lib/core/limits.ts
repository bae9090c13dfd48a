// Size limits of user input, shared by the zod schemas and the forms' own hints.
export const limits = {
  name: 100,
  email: 254,
  passwordMin: 8,
  passwordMax: 200,
  forumTitle: 200,
  forumDescription: 4_000,
  delegation: 120,
  measureTitle: 200,
  measureText: 20_000,
  paragraph: 5_000,
  rationale: 2_000,
  comment: 5_000,
  moderationReason: 1_000,
} as const;
