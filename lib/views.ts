// What the pages, the API and live events show of each record: projections of the schema types
// with dates as ISO strings (they travel as JSON) and Markdown already rendered to safe HTML.
import type { Comment, Forum, Measure, Member, Position } from "@/db/schema";
import type { Tally } from "./tallies";

type Iso<T, K extends keyof T> = Omit<T, K> & { [P in K]: string };

export type ForumView = Iso<Pick<Forum, "id" | "title" | "description" | "joinCode" | "createdAt">, "createdAt">;

export type MemberView = Iso<
  Pick<Member, "id" | "userId" | "role" | "stakeholderGroup" | "delegation" | "camp" | "joinedAt">,
  "joinedAt"
> & { name: string };

export type MeasureSummary = Iso<
  Pick<Measure, "id" | "forumId" | "title" | "kind" | "status" | "createdAt">,
  "createdAt"
> & { proposedBy: string; tally: Tally; commentCount: number };

export type MeasureDetail = MeasureSummary & Pick<Measure, "text"> & { html: string };

export type PositionView = Iso<
  Pick<Position, "memberId" | "stance" | "rationale" | "camp" | "stakeholderGroup" | "updatedAt">,
  "updatedAt"
> & { delegation: string };

export type CommentView = Iso<
  Pick<Comment, "id" | "measureId" | "memberId" | "camp" | "stakeholderGroup" | "createdAt">,
  "createdAt"
> & { html: string; delegation: string; authorName: string };

export function toForumView(forum: Forum): ForumView {
  return {
    id: forum.id,
    title: forum.title,
    description: forum.description,
    joinCode: forum.joinCode,
    createdAt: forum.createdAt.toISOString(),
  };
}
