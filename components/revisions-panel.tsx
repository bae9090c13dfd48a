"use client";
// Revisions of a measure's text: issue the current one as Rev.N (chair), and compare any two.
import { useState } from "react";
import { utcMinute } from "@/lib/core/dates";
import type { RedlineSegment } from "@/lib/core/text-model";
import { ActionButton } from "./action-button";
import { FormError } from "./form-error";
import { RedlineView } from "./redline-view";
import { type Compilation } from "@/lib/text/compilation";

type Revision = Compilation["revisions"][number];
const label = (r: Pick<Revision, "number" | "issuedAs">) => (r.issuedAs ? `Rev.${r.issuedAs}` : `revision ${r.number}`);

export function RevisionsPanel({ measureId, revisions, canIssue }: { measureId: string; revisions: Revision[]; canIssue: boolean }) {
  const issued = revisions.filter((r) => r.issuedAs);
  // By default compare the last two issued revisions, or the original with the current text.
  const [to, setTo] = useState(revisions[0]?.number ?? 1);
  const [from, setFrom] = useState(issued[1]?.number ?? revisions[revisions.length - 1]?.number ?? 1);
  const [segments, setSegments] = useState<RedlineSegment[] | null>(null);
  const [reading, setReading] = useState<{ label: string; html: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = revisions[0];

  async function read(r: Revision) {
    setError(null);
    setSegments(null);
    const res = await fetch(`/api/measures/${measureId}/revisions/${r.number}`);
    const body = await res.json().catch(() => ({}));
    if (!res.ok) return setError(body.error ?? "Could not load the revision.");
    setReading({ label: label(r), html: body.html });
  }

  async function compare() {
    setError(null);
    setReading(null);
    const res = await fetch(`/api/measures/${measureId}/redline?from=${from}&to=${to}`);
    const body = await res.json().catch(() => ({}));
    if (!res.ok) return setError(body.error ?? "Could not load the redline.");
    setSegments(body.segments);
  }

  return (
    <section aria-labelledby="revisions-heading" className="card space-y-4 p-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="revisions-heading" className="font-serif text-xl font-semibold">Revisions</h2>
        {canIssue && latest && !latest.issuedAs && (
          <ActionButton url={`/api/measures/${measureId}/revisions`} label={`Issue as Rev.${(issued[0]?.issuedAs ?? 0) + 1}`} variant="primary" />
        )}
      </div>
      <ol className="space-y-1 text-sm" aria-label="Revisions">
        {revisions.map((r) => (
          <li key={r.number} className="flex flex-wrap gap-x-2">
            <span className={`font-semibold ${r.issuedAs ? "text-accent" : "text-stone-500"}`}>{label(r)}</span>
            <span>{r.summary}</span>
            <span className="text-stone-500">
              — {r.author}, {utcMinute(r.createdAt)}
            </span>
            <button type="button" className="text-accent hover:underline" onClick={() => void read(r)}>
              Read<span className="sr-only"> {label(r)}</span>
            </button>
          </li>
        ))}
      </ol>
      {reading && (
        <div className="rounded-md border border-stone-200 bg-stone-50 p-4" aria-label={`Text of ${reading.label}`} role="region">
          <p className="mb-2 text-xs font-semibold uppercase tracking-wide text-stone-500">{reading.label}</p>
          <div className="prose-concord font-serif" dangerouslySetInnerHTML={{ __html: reading.html }} />
        </div>
      )}
      {revisions.length > 1 && (
        <div className="space-y-3 border-t border-stone-100 pt-3">
          <div className="flex flex-wrap items-end gap-2 text-sm">
            <label className="flex flex-col gap-1">
              <span className="label mb-0">Compare</span>
              <select className="field w-auto py-1" aria-label="Compare from" value={from} onChange={(e) => setFrom(Number(e.target.value))}>
                {revisions.map((r) => (
                  <option key={r.number} value={r.number}>{label(r)}</option>
                ))}
              </select>
            </label>
            <label className="flex flex-col gap-1">
              <span className="label mb-0">with</span>
              <select className="field w-auto py-1" aria-label="Compare to" value={to} onChange={(e) => setTo(Number(e.target.value))}>
                {revisions.map((r) => (
                  <option key={r.number} value={r.number}>{label(r)}</option>
                ))}
              </select>
            </label>
            <button type="button" className="btn-secondary" onClick={() => void compare()}>Show redline</button>
          </div>
          <FormError message={error} />
          {segments && (
            <div className="rounded-md border border-stone-200 bg-stone-50 p-4">
              <p className="mb-2 text-xs text-stone-500">
                <ins className="underline">Underlined</ins>: inserted. <del>Struck through</del>: deleted.
              </p>
              <RedlineView segments={segments} />
            </div>
          )}
        </div>
      )}
    </section>
  );
}
