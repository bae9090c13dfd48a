"use client";
// The forum page: one page of the agenda of measures with their camp tallies, and the members,
// kept live. The server filters, orders and pages the agenda; events update the cards on this
// page, and the page re-reads itself when the set of measures it should show may have changed.
import { useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { agendaHref, pageCountOf, rankForView, type AgendaItem, type AgendaPage, type AgendaView } from "@/lib/core/agenda";
import { bridgingExplanation, bridgingScore, divideGap } from "@/lib/core/bridging";
import { ruleLabels } from "@/lib/core/decision-rules";
import type { ForumEvent } from "@/lib/core/events";
import { countOf } from "@/lib/core/tallies";
import type { Role } from "@/lib/core/vocabulary";
import { campLabels, camps, measureCategoryLabels, measureKindLabels, roleLabels, stakeholderGroupLabels } from "@/lib/core/vocabulary";
import type { ForumView, MemberView } from "@/lib/core/views";
import { CampBadge } from "./camp-badge";
import { forumRoomStep, type ForumRoomLive } from "./forum-room-live";
import { ConnectionStatus } from "./connection-status";
import { Countdown } from "./countdown";
import { ModerationLink } from "./moderation-link";
import { PresencePanel } from "./presence-panel";
import { ProposeMeasureForm } from "./propose-measure-form";
import { ShareForum } from "./share-forum";
import { SpeakersList } from "./speakers-list";
import { StatusBadge } from "./status-badge";
import { CampTallies, StanceLegend } from "./tally-bars";
import { useForumLive } from "./use-forum-live";

const viewTabs: [AgendaView, string][] = [
  ["agenda", "Agenda"],
  ["common-ground", "Common ground"],
  ["divides", "Divides"],
];

type Props = {
  forum: ForumView;
  meId: string;
  origin: string;
  seq: number;
  myRole: Role;
  members: MemberView[];
  agenda: AgendaPage;
};

export function ForumRoom(props: Props) {
  const router = useRouter();
  const { view, page, pageSize } = props.agenda;
  const fromSnapshot = (): ForumRoomLive => ({
    forum: props.forum,
    members: props.members,
    items: props.agenda.items,
    totals: { inView: props.agenda.total, onAgenda: props.agenda.agendaTotal },
    orderStale: false,
  });
  const [live, setLive] = useState(fromSnapshot);
  // A fresh snapshot from the server (after router.refresh, or another page or view) replaces
  // the live state. Each render on the server sends a new agenda object, so this holds even when
  // the seq did not move (the author's own draft, which the room never hears of).
  const [snapshot, setSnapshot] = useState(props.agenda);
  if (props.agenda !== snapshot) {
    setSnapshot(props.agenda);
    setLive(fromSnapshot());
  }
  const { forum, members, items, totals, orderStale } = live;
  const pageCount = pageCountOf(totals.inView, pageSize);

  const connection = useForumLive(props.forum.id, props.seq, (event: ForumEvent) => {
    const frame = { meId: props.meId, view, page, pageSize };
    const step = forumRoomStep(live, frame, event);
    if (step.refresh) router.refresh();
    // Only a change is set, and as an updater, not a value: React applies it to whatever state it
    // is rebased on (events faster than renders). An update that changes nothing would linger in
    // the queue and be replayed over the fresh snapshot the refresh brings, undoing it.
    if (step.state !== live) setLive((current) => forumRoomStep(current, frame, event).state);
  });

  const shown: AgendaItem[] = rankForView(items, view);
  const closed = forum.status === "closed";

  return (
    <div className="space-y-8">
      {closed && (
        <p role="status" className="rounded-md border border-stone-300 bg-stone-100 px-4 py-2 text-sm text-stone-700">
          This forum is closed. Everything stays readable; nothing can change until the chair reopens it.
        </p>
      )}
      <header className="grid items-start gap-6 lg:grid-cols-[1fr_18rem]">
        <div className="max-w-3xl">
          <p className="text-xs font-semibold uppercase tracking-widest text-accent">Forum</p>
          <h1 className="mt-1 font-serif text-3xl font-semibold leading-tight">{forum.title}</h1>
          {forum.description && <p className="mt-2 text-stone-600">{forum.description}</p>}
          <p className="mt-3 flex items-center gap-3 text-sm text-stone-500">
            <ConnectionStatus state={connection} />
            <span aria-hidden>·</span>
            <span>You take part as {roleLabels[props.myRole].toLowerCase()}</span>
            <span aria-hidden>·</span>
            <span>Default rule: {ruleLabels[forum.defaultRule].toLowerCase()}</span>
          </p>
          <nav aria-label="Forum" className="mt-3 flex flex-wrap gap-4 text-sm">
            <Link className="text-accent hover:underline" href={`/forums/${forum.id}/profile`}>Your delegation</Link>
            <Link className="text-accent hover:underline" href={`/forums/${forum.id}/audit`}>Audit log</Link>
            <Link className="text-accent hover:underline" href={`/forums/${forum.id}/map`}>Consensus map</Link>
            <Link className="text-accent hover:underline" href={`/forums/${forum.id}/dashboard`}>Dashboard</Link>
            <Link className="text-accent hover:underline" href={`/forums/${forum.id}/report`}>Outcome report</Link>
            {props.myRole === "chair" && (
              <Link className="font-semibold text-accent hover:underline" href={`/forums/${forum.id}/settings`}>Chair’s settings</Link>
            )}
            {props.myRole === "chair" && <ModerationLink forumId={forum.id} />}
          </nav>
        </div>
        <ShareForum joinCode={forum.joinCode} origin={props.origin} />
      </header>

      <div className="grid gap-8 lg:grid-cols-[1fr_18rem]">
        <section aria-labelledby="agenda-heading" className="space-y-4">
          <div className="flex flex-wrap items-end justify-between gap-3">
            <div>
              <h2 id="agenda-heading" className="font-serif text-xl font-semibold">Measures</h2>
              <p className="text-sm text-stone-500">
                {totals.onAgenda} {totals.onAgenda === 1 ? "measure" : "measures"} on the agenda. Each bar shows one camp.
              </p>
            </div>
            <StanceLegend />
          </div>
          {props.myRole !== "observer" && !closed && <ProposeMeasureForm forumId={forum.id} />}
          <nav aria-label="Order of measures" className="flex gap-1 border-b border-stone-200 text-sm">
            {viewTabs.map(([v, label]) => (
              <Link
                key={v}
                href={agendaHref(forum.id, v, 1)}
                scroll={false}
                aria-current={view === v ? "page" : undefined}
                className={`-mb-px border-b-2 px-3 py-2 ${view === v ? "border-accent font-semibold text-accent" : "border-transparent text-stone-600 hover:text-ink"}`}
              >
                {label}
              </Link>
            ))}
          </nav>
          {view === "common-ground" && (
            <p className="text-sm text-stone-600">Measures by bridging score, highest first. {bridgingExplanation}</p>
          )}
          {view === "divides" && (
            <p className="text-sm text-stone-600">
              Measures by the gap between the camps’ support shares (support ÷ (support + oppose)), largest first.
            </p>
          )}
          {orderStale && (
            <p role="status" className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900">
              Positions have changed since this order was worked out.
              <button type="button" className="font-semibold text-accent hover:underline" onClick={() => router.refresh()}>
                Update the order
              </button>
            </p>
          )}
          {shown.length === 0 ? (
            <p className="card p-8 text-center text-stone-500">
              {view === "divides" ? "No measure divides the camps yet." : "No measures yet. Propose the first one."}
            </p>
          ) : (
            <ul className="space-y-3" aria-label="Measures">
              {shown.map((m) => (
                <MeasureCard key={m.id} forumId={forum.id} measure={m} />
              ))}
            </ul>
          )}
          <Pagination forumId={forum.id} view={view} page={page} pageCount={pageCount} pageSize={pageSize} total={totals.inView} />
        </section>

        <aside aria-labelledby="members-heading" className="space-y-3">
          <SpeakersList forumId={forum.id} me={{ id: props.meId, role: props.myRole }} />
          <PresencePanel forumId={forum.id} members={members} />
          <h2 id="members-heading" className="font-serif text-xl font-semibold">
            Members <span className="text-base font-normal text-stone-500">({members.length})</span>
          </h2>
          {camps.map((camp) => {
            const inCamp = members.filter((m) => m.camp === camp);
            return (
              <section key={camp} aria-label={campLabels[camp]} className="card p-3">
                <div className="mb-2 flex items-center justify-between">
                  <CampBadge camp={camp} />
                  <span className="text-xs text-stone-500">{inCamp.length}</span>
                </div>
                {inCamp.length === 0 ? (
                  <p className="text-xs text-stone-400">Nobody yet</p>
                ) : (
                  <ul className="space-y-1 text-sm">
                    {inCamp.map((m) => (
                      <li key={m.id} className="flex items-baseline justify-between gap-2">
                        <span className="truncate" title={`${m.name}, ${stakeholderGroupLabels[m.stakeholderGroup]}`}>
                          {m.delegation}
                        </span>
                        {m.role !== "delegate" && (
                          <span className="shrink-0 text-[11px] uppercase tracking-wide text-stone-500">{roleLabels[m.role]}</span>
                        )}
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            );
          })}
        </aside>
      </div>
    </div>
  );
}

/** The pages to offer: the first, the last, and the current one with its neighbours. */
function pageNumbers(page: number, pageCount: number): (number | "gap")[] {
  const wanted = [...new Set([1, page - 1, page, page + 1, pageCount])].filter((n) => n >= 1 && n <= pageCount).sort((a, b) => a - b);
  return wanted.flatMap((n, i) => (i > 0 && n - wanted[i - 1]! > 1 ? (["gap", n] as const) : [n]));
}

function Pagination(props: { forumId: string; view: AgendaView; page: number; pageCount: number; pageSize: number; total: number }) {
  const { forumId, view, page, pageCount, pageSize, total } = props;
  if (total === 0) return null;
  const first = Math.min((page - 1) * pageSize + 1, total);
  const last = Math.min(page * pageSize, total);
  const step = (to: number, label: string, rel: "prev" | "next") =>
    to >= 1 && to <= pageCount ? (
      <Link className="pager-link" href={agendaHref(forumId, view, to)} rel={rel}>
        {label}
      </Link>
    ) : (
      <span className="pager-link text-stone-400" aria-disabled="true">
        {label}
      </span>
    );
  return (
    <nav aria-label="Pages of measures" className="flex flex-wrap items-center justify-between gap-3 pt-1 text-sm">
      <p className="text-stone-600" data-testid="page-range">
        Showing {first}–{last} of {total}
      </p>
      {pageCount > 1 && (
        <ul className="flex flex-wrap items-center gap-1">
          <li>{step(page - 1, "Previous", "prev")}</li>
          {pageNumbers(page, pageCount).map((n, i) =>
            n === "gap" ? (
              <li key={`gap-${i}`} aria-hidden className="px-1 text-stone-400">
                …
              </li>
            ) : (
              <li key={n}>
                <Link
                  className={`pager-link ${n === page ? "border-accent bg-accent text-white" : ""}`}
                  href={agendaHref(forumId, view, n)}
                  aria-label={`Page ${n}`}
                  aria-current={n === page ? "page" : undefined}
                >
                  {n}
                </Link>
              </li>
            ),
          )}
          <li>{step(page + 1, "Next", "next")}</li>
        </ul>
      )}
    </nav>
  );
}

function MeasureCard({ forumId, measure }: { forumId: string; measure: AgendaItem }) {
  const total = countOf(measure.tally.total);
  const gap = divideGap(measure.tally);
  return (
    <li className="card p-4" data-measure-id={measure.id}>
      <div className="grid grid-cols-[1fr_auto] items-start gap-3">
        <div className="min-w-0">
          <p className="flex flex-wrap items-center gap-2 text-xs font-medium uppercase tracking-wide text-stone-500">
            <span>{measureKindLabels[measure.kind]} · {measureCategoryLabels[measure.category]}</span>
            <StatusBadge status={measure.status} />
            {measure.decision && (
              <span className="normal-case tracking-normal text-amber-900">
                {ruleLabels[measure.decision.rule]}
                {measure.decision.deadline && (
                  <>
                    {" "}· closes in <Countdown deadline={measure.decision.deadline} />
                  </>
                )}
              </span>
            )}
          </p>
          <h3 className="mt-0.5 text-lg font-semibold leading-snug">
            <Link className="hover:text-accent hover:underline" href={`/forums/${forumId}/measures/${measure.id}`}>
              {measure.title}
            </Link>
          </h3>
          <p className="text-sm text-stone-500">
            Proposed by {measure.proposedBy} · {measure.commentCount} {measure.commentCount === 1 ? "comment" : "comments"} ·{" "}
            <span title="Bridging score: support across all three camps">bridging {bridgingScore(measure.tally).toFixed(2)}</span>
            {gap > 0 && <> · gap {Math.round(gap * 100)} pts</>}
          </p>
        </div>
        <p className="text-right text-sm" data-testid="total-tally">
          <span className="font-semibold">{total}</span> {total === 1 ? "position" : "positions"}
          <span className="block text-xs text-stone-500">
            {measure.tally.total.support} support · {measure.tally.total.oppose} oppose · {measure.tally.total.abstain} abstain
          </span>
        </p>
      </div>
      <div className="mt-3">
        <CampTallies tally={measure.tally} />
      </div>
    </li>
  );
}
