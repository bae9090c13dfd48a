"use client";
// The measure page: its text, the tally by camp and group, everyone's positions and the comments,
// kept live.
import { useReducer } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { describeAudit } from "@/lib/core/audit-words";
import { bridgingExplanation, bridgingScore } from "@/lib/core/bridging";
import { shortMinute, utcMinute } from "@/lib/core/dates";
import type { ForumEvent } from "@/lib/core/events";
import { countOf } from "@/lib/core/tallies";
import type { Camp, MeasureStatus, Role } from "@/lib/core/vocabulary";
import { measureCategoryLabels, measureKindLabels, measureStatusLabels, stanceLabels } from "@/lib/core/vocabulary";
import type { CommentView, ForumView, MeasureDetail, PositionView } from "@/lib/core/views";
import type { CommentModeration } from "@/lib/core/moderation";
import { ModeratedComment } from "./moderated-comment";
import { CampBadge } from "./camp-badge";
import type { Mover } from "@/lib/core/lifecycle";
import { ActionButton } from "./action-button";
import { UnannouncedWrites } from "./after-write";
import { measureLiveReducer, type MeasureLive } from "./measure-live";
import { AmendmentsPanel } from "./amendments-panel";
import { CoauthorInvite } from "./coauthor-invite";
import { CompilationView, moversToFlags } from "./compilation";
import { RevisionsPanel } from "./revisions-panel";
import { CommentForm } from "./comment-form";
import { DecisionPanel } from "./decision-panel";
import { FloorRequest } from "./floor-request";
import { MeasureCharts } from "./measure-charts";
import { StatusBadge } from "./status-badge";
import { ConnectionStatus } from "./connection-status";
import { PositionForm } from "./position-form";
import { CampTallies, GroupTallies, StanceLegend, TallyBar } from "./tally-bars";
import { useForumLive } from "./use-forum-live";
import { type AuditEntry } from "@/lib/core/views";
import { type Compilation } from "@/lib/text/compilation";

type Props = {
  forum: ForumView;
  seq: number;
  me: { id: string; role: Role; delegation: string };
  measure: MeasureDetail;
  positions: PositionView[];
  comments: CommentView[];
  moderation: CommentModeration;
  authors: { memberId: string; delegation: string; camp: Camp }[];
  objections: { delegation: string; camp: Camp; reason: string; at: string }[];
  history: AuditEntry[];
  compilation: Compilation;
  movers: Mover[];
  coauthorCandidates: { memberId: string; delegation: string }[];
  transitions: { to: MeasureStatus; verb: string }[];
};

const stanceText: Record<PositionView["stance"], string> = {
  support: "text-stance-support",
  oppose: "text-stance-oppose",
  abstain: "text-stone-500",
};

export function MeasureRoom(props: Props) {
  const router = useRouter();
  // A fresh snapshot from the server (after router.refresh) replaces the live state, while forms
  // being filled in — an edit in progress — stay as they are. Each render on the server sends a
  // new measure object, so this holds even when the seq did not move (a write to a draft).
  const [live, dispatch] = useReducer(measureLiveReducer, props, liveFrom);
  if (live.source !== props.measure) dispatch({ type: "snapshot", live: liveFrom(props) });
  const { tally, positions, comments, moderation, history } = live;

  const connection = useForumLive(props.forum.id, props.seq, (event: ForumEvent) => {
    const change = event.type === "positions:changed" ? event.changes.find((c) => c.measureId === props.measure.id) : undefined;
    if (change) {
      dispatch({ type: "positions", change });
    } else if (
      (event.type === "measure:changed" && event.measure.id === props.measure.id) ||
      (event.type === "text:changed" && event.measureId === props.measure.id) ||
      event.type === "forum:changed" ||
      (event.type === "member:changed" &&
        (event.member.id === props.me.id ||
          event.measureIds.includes(props.measure.id) ||
          positions.some((p) => p.memberId === event.member.id))) ||
      (event.type === "member:removed" && (event.memberId === props.me.id || event.measureIds.includes(props.measure.id)))
    ) {
      // Status, decision, text, roles or a tally changed by someone leaving: re-read the page.
      router.refresh();
    } else if (event.type === "comment:added" && event.measureId === props.measure.id) {
      dispatch({ type: "comment", comment: event.comment });
    } else if (event.type === "comment:moderated" && event.measureId === props.measure.id) {
      dispatch({ type: "moderated", event, viewer: props.me });
    }
  });

  const mine = positions.find((p) => p.memberId === props.me.id);
  const total = countOf(tally.total);
  const open = props.measure.status === "under_discussion" || props.measure.status === "in_decision";
  const flags = moversToFlags(props.movers, props.measure.status);

  return (
    <UnannouncedWrites value={props.measure.status === "draft"}>
      <div className="space-y-6">
        <nav aria-label="Breadcrumb" className="text-sm text-stone-500">
          <Link className="hover:text-accent hover:underline" href={`/forums/${props.forum.id}`}>{props.forum.title}</Link>
          <span aria-hidden> › </span>
          <span>Measure</span>
        </nav>

        <div className="grid gap-8 lg:grid-cols-[1fr_22rem]">
          <div className="min-w-0 space-y-6">
            <article className="card p-6">
              <p className="flex flex-wrap items-center gap-2 text-xs font-semibold uppercase tracking-widest text-stone-500">
                <span>{measureKindLabels[props.measure.kind]} · {measureCategoryLabels[props.measure.category]}</span>
                <StatusBadge status={props.measure.status} />
              </p>
              <h1 className="mt-1 font-serif text-3xl font-semibold leading-tight">{props.measure.title}</h1>
              <p className="mt-1 text-sm text-stone-500">
                Proposed by {props.measure.proposedBy}
                {props.authors.length > 1 && <> with {props.authors.slice(1).map((a) => a.delegation).join(", ")}</>} ·{" "}
                <ConnectionStatus state={connection} />
              </p>
              {props.transitions.filter((t) => t.to !== "in_decision").length > 0 && (
                <div className="mt-3 flex flex-wrap gap-2">
                  {props.transitions
                    .filter((t) => t.to !== "in_decision" && !(props.measure.status === "in_decision" && t.to === "under_discussion"))
                    .map((t) => (
                      <ActionButton
                        key={t.to}
                        url={`/api/measures/${props.measure.id}/status`}
                        body={{ to: t.to }}
                        label={t.verb}
                        variant={t.to === "withdrawn" ? "danger" : "secondary"}
                        confirm={t.to === "withdrawn" ? "Withdraw this measure? This cannot be undone." : undefined}
                      />
                    ))}
                </div>
              )}
              {props.movers.includes("author") && flags.editable && (
                <div className="mt-3">
                  <CoauthorInvite measureId={props.measure.id} candidates={props.coauthorCandidates} />
                </div>
              )}
              <div className="mt-5">
                <CompilationView
                  measureId={props.measure.id}
                  meId={props.me.id}
                  role={props.me.role}
                  status={props.measure.status}
                  compilation={props.compilation}
                  {...flags}
                />
              </div>
            </article>

            <RevisionsPanel
              measureId={props.measure.id}
              revisions={props.compilation.revisions}
              canIssue={props.movers.includes("chair") && props.measure.status !== "draft"}
            />
            <AmendmentsPanel
              measureId={props.measure.id}
              amendments={props.compilation.amendments}
              canPropose={props.me.role !== "observer"}
              canDecide={props.movers.length > 0}
              editable={flags.editable}
            />

            <section aria-labelledby="positions-heading" className="card p-6">
              <h2 id="positions-heading" className="font-serif text-xl font-semibold">Positions</h2>
              {positions.length === 0 ? (
                <p className="mt-2 text-sm text-stone-500">No delegation has taken a position yet.</p>
              ) : (
                <ul className="mt-3 divide-y divide-stone-100" aria-label="Positions taken">
                  {positions.map((p) => (
                    <li key={p.memberId} className="py-2.5" data-delegation={p.delegation}>
                      <div className="flex flex-wrap items-center gap-2">
                        <span className="font-medium">{p.delegation}</span>
                        <CampBadge camp={p.camp} compact />
                        <span className={`ml-auto text-sm font-semibold ${stanceText[p.stance]}`}>{stanceLabels[p.stance]}</span>
                      </div>
                      {p.rationale && <p className="mt-1 text-sm text-stone-600">“{p.rationale}”</p>}
                    </li>
                  ))}
                </ul>
              )}
            </section>

            <section aria-labelledby="comments-heading" className="card p-6">
              <h2 id="comments-heading" className="font-serif text-xl font-semibold">
                Comments <span className="text-base font-normal text-stone-500">({comments.length})</span>
              </h2>
              <ol className="mt-3 space-y-4" aria-label="Comments">
                {comments.map((c) => (
                  <li key={c.id} className="border-l-2 border-stone-200 pl-4">
                    <div className="flex flex-wrap items-center gap-2 text-sm">
                      <span className="font-medium">{c.delegation}</span>
                      <CampBadge camp={c.camp} />
                      <span className="text-stone-500">{c.authorName}</span>
                      <time className="ml-auto text-xs text-stone-400" dateTime={c.createdAt}>
                        {utcMinute(c.createdAt)}
                      </time>
                    </div>
                    <ModeratedComment
                      comment={c}
                      me={props.me}
                      moderation={moderation}
                      forumId={props.forum.id}
                      canModerate={props.forum.status === "open" && props.measure.status !== "draft"}
                    />
                  </li>
                ))}
              </ol>
              <CommentForm measureId={props.measure.id} />
            </section>
          </div>

          <aside className="space-y-6">
            <DecisionPanel
              measureId={props.measure.id}
              status={props.measure.status}
              decision={props.measure.decision}
              tally={tally}
              positions={positions}
              objections={props.objections}
              forum={props.forum}
              me={props.me}
            />
            <FloorRequest forumId={props.forum.id} measureId={props.measure.id} me={props.me} />
            <section aria-labelledby="tally-heading" className="card space-y-4 p-5">
              <div>
                <h2 id="tally-heading" className="font-serif text-xl font-semibold">Tally</h2>
                <p className="text-sm text-stone-500" data-testid="tally-summary">
                  {total} {total === 1 ? "position" : "positions"}: {tally.total.support} support, {tally.total.oppose} oppose, {tally.total.abstain} abstain
                </p>
              </div>
              <TallyBar counts={tally.total} label="All camps" height="h-4" />
              <p className="text-sm" data-testid="bridging">
                Bridging score <strong className="tabular-nums">{bridgingScore(tally).toFixed(2)}</strong>
                <span className="block text-xs text-stone-500">{bridgingExplanation}</span>
              </p>
              <CampTallies tally={tally} stacked />
              <StanceLegend />
              <details className="text-sm">
                <summary className="cursor-pointer text-stone-600">By stakeholder group</summary>
                <div className="mt-2">
                  <GroupTallies tally={tally} />
                </div>
              </details>
            </section>
            <MeasureCharts forumId={props.forum.id} measureId={props.measure.id} tally={tally} />

            <section aria-labelledby="my-position-heading" className="card p-5">
              <h2 id="my-position-heading" className="font-serif text-xl font-semibold">Your position</h2>
              {props.me.role === "observer" ? (
                <p className="mt-2 text-sm text-stone-500">Observers follow the debate and comment, but do not take positions.</p>
              ) : !open ? (
                <p className="mt-2 text-sm text-stone-500">
                  Positions are taken while a measure is under discussion or in decision; this one is {measureStatusLabels[props.measure.status].toLowerCase()}.
                </p>
              ) : (
                <PositionForm measureId={props.measure.id} current={mine} />
              )}
            </section>

            <section aria-labelledby="history-heading" className="card p-5">
              <h2 id="history-heading" className="font-serif text-xl font-semibold">History</h2>
              <HistoryList entries={history.slice(0, RECENT)} label="History" />
              {history.length > RECENT && (
                <details className="mt-2 text-sm">
                  <summary className="cursor-pointer text-accent">Earlier ({history.length - RECENT})</summary>
                  <HistoryList entries={history.slice(RECENT)} label="Earlier history" />
                </details>
              )}
            </section>
          </aside>
        </div>
      </div>
    </UnannouncedWrites>
  );
}

const liveFrom = (props: Props): MeasureLive => ({
  source: props.measure,
  tally: props.measure.tally,
  positions: props.positions,
  comments: props.comments,
  moderation: props.moderation,
  history: props.history,
  lastLiveId: 0,
});

const RECENT = 8;

function HistoryList({ entries, label }: { entries: AuditEntry[]; label: string }) {
  return (
    <ol className="mt-2 space-y-1.5 text-sm" aria-label={label}>
      {entries.map((h) => (
        <li key={h.id} className="flex gap-2">
          <time className="shrink-0 text-xs text-stone-400 tabular-nums" dateTime={h.at}>{shortMinute(h.at)}</time>
          {/* The page is about this measure: its title need not repeat on every line. */}
          <span>{describeAudit({ ...h, measureTitle: null })}</span>
        </li>
      ))}
    </ol>
  );
}
