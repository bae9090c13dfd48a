// Audit entries in words, for the history and audit pages. Pure: used by client components.
import { campLabels, measureStatusLabels, roleLabels, type Camp, type MeasureStatus, type Role } from "./vocabulary";
import type { CommentView, PositionView } from "./views";

type Entry = { action: string; actor: string; subject: string | null; measureTitle: string | null; before: unknown; after: unknown };
type Bag = Record<string, unknown> | null;

const status = (v: unknown) => measureStatusLabels[v as MeasureStatus]?.toLowerCase() ?? String(v);
const camp = (v: unknown) => campLabels[v as Camp] ?? String(v);
const by = (subject: string | null) => (subject ? ` by ${subject}` : "");
const reports = (n: unknown) => (n === 1 ? "the report" : `${n} reports`);

export function describeAudit(e: Entry): string {
  const b = e.before as Bag;
  const a = e.after as Bag;
  const on = e.measureTitle ? ` on “${e.measureTitle}”` : "";
  switch (e.action) {
    case "forum.created":
      return `${e.actor} created the forum`;
    case "forum.updated":
      return `${e.actor} changed the forum's settings (${Object.keys(a ?? {}).join(", ")})`;
    case "forum.closed":
      return `${e.actor} closed the forum`;
    case "forum.reopened":
      return `${e.actor} reopened the forum`;
    case "forum.join_code_regenerated":
      return `${e.actor} issued a new join code`;
    case "member.joined":
      return `${e.subject ?? e.actor} joined (${camp(a?.camp)})`;
    case "member.role_changed":
      return `${e.actor} made ${e.subject} ${roleLabels[a?.role as Role]?.toLowerCase() ?? a?.role} (was ${roleLabels[b?.role as Role]?.toLowerCase() ?? b?.role})`;
    case "member.profile_changed":
      return `${e.subject} changed their profile: ${camp(b?.camp)} → ${camp(a?.camp)}${b?.delegation !== a?.delegation ? `, “${b?.delegation}” → “${a?.delegation}”` : ""}`;
    case "member.removed":
      return `${e.actor} removed ${e.subject}`;
    case "measure.proposed":
      return `${e.actor} proposed${on}`;
    case "measure.status_changed":
      return `${e.actor} moved${on} from ${status(b?.status)} to ${status(a?.status)}`;
    case "measure.coauthor_added":
      return `${e.actor} added ${e.subject} as co-author${on}`;
    case "position.taken":
      return `${e.actor} took a position${on}: ${a?.stance} (${camp(a?.camp)})`;
    case "position.changed":
      return `${e.actor} changed position${on}: ${b?.stance} → ${a?.stance} (${camp(a?.camp)})`;
    case "positions.withdrawn":
      return `${e.subject}'s position${on} was withdrawn (removed, or made observer)`;
    case "comment.added":
      return `${e.actor} commented${on}`;
    case "comment.reported":
      return `${e.actor} reported a comment${by(e.subject)}${on} to the chair: “${a?.reason}”`;
    case "comment.hidden":
      return `${e.actor} hid a comment${by(e.subject)}${on}: “${a?.reason}”`;
    case "comment.reports_dismissed":
      return `${e.actor} dismissed ${reports(a?.reports)} on a comment${by(e.subject)}${on}${a?.reason ? `: “${a.reason}”` : ""}`;
    case "decision.opened":
      return `${e.actor} opened a decision${on} (${String(a?.rule).replace("_", " ")})`;
    case "decision.closed":
      return `${e.actor === "System" ? "The deadline" : e.actor} closed the decision${on}: ${status(a?.status)}`;
    case "decision.cancelled":
      return `${e.actor} cancelled the decision${on}`;
    case "silence.broken":
      return `${e.actor} broke silence${on}: “${a?.reason}”`;
    case "text.paragraph_edited":
      return `${e.actor} edited ¶${b?.paragraph}${on}`;
    case "text.alternative_proposed":
      return a?.kind === "insert"
        ? `${e.actor} proposed a new paragraph${on}`
        : `${e.actor} proposed ${a?.kind === "delete" ? "deleting" : "new wording for"} ¶${a?.paragraph}${on}`;
    case "text.alternative_backed":
      return `${e.actor} backed an alternative${on}`;
    case "text.alternative_unbacked":
      return `${e.actor} withdrew their backing of an alternative${on}`;
    case "text.alternative_chosen":
      return `${e.actor}: ${a?.summary}${on}`;
    case "text.paragraph_settled":
      return `${e.actor} settled a paragraph${on}`;
    case "text.revision_issued":
      return `${e.actor} issued ${a?.issuedAs}${on}`;
    case "text.rewritten":
      return `${e.actor} rewrote the text${on}: ${a?.summary}`;
    case "amendment.proposed":
      return `${e.actor} proposed an amendment${on}`;
    case "amendment.accepted":
      return `${e.actor} accepted an amendment${on}`;
    case "amendment.rejected":
      return `${e.actor} rejected an amendment${on}: “${a?.reason}”`;
    default:
      return `${e.actor}: ${e.action}${on}`;
  }
}

/**
 * The entry the log will hold for a position heard live (lib/positions.ts writes it): taken or
 * changed from `before`, with the same fields. Until the page re-reads the log, it has no id.
 */
export function heardPosition(p: PositionView, before: PositionView | undefined): HeardEntry {
  return {
    at: p.updatedAt,
    actor: p.delegation,
    action: before ? "position.changed" : "position.taken",
    before: before ? { stance: before.stance, camp: before.camp } : null,
    after: { stance: p.stance, camp: p.camp, rationale: p.rationale },
  };
}

/** The entry the log will hold for a comment heard live (lib/comments.ts writes it). */
export function heardComment(c: CommentView): HeardEntry {
  return { at: c.createdAt, actor: c.delegation, action: "comment.added", before: null, after: { commentId: c.id } };
}

export type HeardEntry = { at: string; actor: string; subject?: string; action: string; before: unknown; after: unknown };
