"use client";
// The compilation view of a measure's text: agreed paragraphs plain, bracketed ones with their
// alternatives beneath (who backs each, split by camp and group, and its bridging score), and
// the tools to propose, back, edit and settle.
import { useId, useState } from "react";
import type { Mover } from "@/lib/core/lifecycle";
import { limits } from "@/lib/core/limits";
import { countOf } from "@/lib/core/tallies";
import { campMarks, camps, stakeholderGroupLabels, stakeholderGroups, type Role } from "@/lib/core/vocabulary";
import { ActionButton } from "./action-button";
import { useAfterWrite } from "./after-write";
import { CampBadge } from "./camp-badge";
import { FormError } from "./form-error";
import { submitForm } from "./send-json";
import { useSubmit } from "./use-submit";
import { type AlternativeView, type Compilation, type ParagraphView } from "@/lib/text/compilation";

type Ctx = {
  measureId: string;
  meId: string;
  role: Role;
  editable: boolean;
  isAuthor: boolean;
  canSettle: boolean;
};

export function CompilationView(props: Ctx & { compilation: Compilation; status: string }) {
  const ctx: Ctx = props;
  const { compilation } = props;
  const bracketed = compilation.paragraphs.filter((p) => p.status === "bracketed").length;
  return (
    <div className="space-y-4" data-testid="compilation">
      {bracketed > 0 && (
        <p className="text-sm text-stone-600">
          {bracketed} {bracketed === 1 ? "paragraph stands" : "paragraphs stand"} in [brackets]: not yet agreed.
        </p>
      )}
      {compilation.openingInsertions.map((alt) => (
        <AlternativeCard key={alt.id} alt={alt} ctx={ctx} />
      ))}
      {compilation.paragraphs.map((p) => (
        <ParagraphBlock key={p.id} paragraph={p} ctx={ctx} />
      ))}
      {compilation.paragraphs.length === 0 && <p className="text-stone-500">The text is empty.</p>}
    </div>
  );
}

type Mode = "view" | "propose" | "edit" | "settle";

function ParagraphBlock({ paragraph: p, ctx }: { paragraph: ParagraphView; ctx: Ctx }) {
  const [mode, setMode] = useState<Mode>("view");
  const bracketed = p.status === "bracketed";
  return (
    <section aria-label={`Paragraph ${p.number}`} className="group" data-status={p.status}>
      <div className="grid grid-cols-[2.5rem_1fr] gap-2">
        <span className="pt-1 text-right font-mono text-sm text-stone-400">{p.number}.</span>
        <div>
          <div className={`flex gap-1 ${bracketed ? "rounded-md bg-amber-50 px-2 py-1" : ""}`}>
            {bracketed && <span aria-hidden className="font-serif text-xl text-amber-700">[</span>}
            <div className="prose-concord min-w-0 flex-1 font-serif text-[1.05rem]" dangerouslySetInnerHTML={{ __html: p.html }} />
            {bracketed && <span aria-hidden className="self-end font-serif text-xl text-amber-700">]</span>}
          </div>
          {bracketed && <p className="mt-1 text-xs font-semibold uppercase tracking-wide text-amber-800">Bracketed — not yet agreed</p>}
          {ctx.editable && mode === "view" && (
            <div className="mt-1 flex flex-wrap gap-3 text-xs opacity-80 group-hover:opacity-100 group-focus-within:opacity-100">
              {ctx.role !== "observer" && (
                <button type="button" className="text-accent hover:underline" onClick={() => setMode("propose")}>
                  Propose an alternative for ¶{p.number}
                </button>
              )}
              {ctx.isAuthor && (
                <button type="button" className="text-accent hover:underline" onClick={() => setMode("edit")}>
                  Edit ¶{p.number}
                </button>
              )}
              {ctx.canSettle && (
                <button type="button" className="text-accent hover:underline" onClick={() => setMode("settle")}>
                  Settle ¶{p.number}
                </button>
              )}
            </div>
          )}
          {mode === "propose" && <ProposeForm ctx={ctx} paragraph={p} onDone={() => setMode("view")} />}
          {mode === "edit" && (
            <WordingForm
              title={`Edit ¶${p.number}`}
              url={`/api/paragraphs/${p.id}`}
              method="PUT"
              initial={p.text}
              version={p.version}
              submitLabel="Save edit"
              onDone={() => setMode("view")}
            />
          )}
          {mode === "settle" && (
            <WordingForm
              title={`Settle ¶${p.number}: agree it as it stands, or in compromise wording`}
              url={`/api/paragraphs/${p.id}/settle`}
              method="POST"
              initial={p.text}
              version={p.version}
              submitLabel="Mark agreed"
              onDone={() => setMode("view")}
            />
          )}
          {p.alternatives.length > 0 && (
            <div className="mt-3 space-y-2" role="list" aria-label={`Alternatives for paragraph ${p.number}`}>
              {p.alternatives.map((alt) => (
                <AlternativeCard key={alt.id} alt={alt} ctx={ctx} version={p.version} />
              ))}
            </div>
          )}
        </div>
      </div>
      {p.insertions.map((alt) => (
        <div key={alt.id} className="mt-3 ml-12">
          <AlternativeCard alt={alt} ctx={ctx} />
        </div>
      ))}
    </section>
  );
}

const kindLabel: Record<AlternativeView["kind"], string> = {
  replace: "Alternative wording",
  delete: "Delete this paragraph",
  insert: "Proposed new paragraph",
};

function AlternativeCard({ alt, ctx, version }: { alt: AlternativeView; ctx: Ctx; version?: number }) {
  const backed = alt.backers.some((b) => b.memberId === ctx.meId);
  const groups = stakeholderGroups.filter((g) => countOf(alt.tally.byGroup[g]) > 0);
  return (
    <article role="listitem" aria-label={`${kindLabel[alt.kind]} by ${alt.proposedBy}`} className="rounded-md border border-stone-200 bg-white p-3 text-sm shadow-xs">
      <p className="text-xs font-semibold uppercase tracking-wide text-stone-500">
        {kindLabel[alt.kind]} · proposed by {alt.proposedBy}
      </p>
      {alt.kind === "delete" ? (
        <p className="mt-1 italic text-stone-600">Delete the paragraph.</p>
      ) : (
        <div className="prose-concord mt-1 font-serif" dangerouslySetInnerHTML={{ __html: alt.html }} />
      )}
      {alt.rationale && <p className="mt-1 text-stone-600">Rationale: “{alt.rationale}”</p>}
      <div className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-stone-600">
        <span data-testid="backing-by-camp">
          Backed by {alt.backers.length}:{" "}
          {camps.map((c) => `${campMarks[c]} ${alt.tally.byCamp[c].support}`).join(" · ")}
        </span>
        {groups.length > 0 && (
          <span>{groups.map((g) => `${stakeholderGroupLabels[g]} ${alt.tally.byGroup[g].support}`).join(" · ")}</span>
        )}
        <span title="Backers of this alternative as support, backers of rival wordings as opposition">
          Bridging <strong className="tabular-nums">{alt.bridging.toFixed(2)}</strong>
        </span>
      </div>
      {alt.backers.length > 0 && (
        <ul className="mt-1 flex flex-wrap gap-1.5" aria-label="Backers">
          {alt.backers.map((b) => (
            <li key={b.memberId} className="inline-flex items-center gap-1 text-xs">
              {b.delegation} <CampBadge camp={b.camp} compact />
            </li>
          ))}
        </ul>
      )}
      {ctx.editable && (
        <div className="mt-2 flex flex-wrap gap-2">
          {ctx.role !== "observer" && (
            <ActionButton
              url={`/api/alternatives/${alt.id}/backing`}
              method={backed ? "DELETE" : "PUT"}
              label={backed ? "Withdraw backing" : "Back this"}
            />
          )}
          {ctx.canSettle && (
            <ActionButton url={`/api/alternatives/${alt.id}/choose`} body={version ? { version } : {}} label="Choose this" variant="primary" />
          )}
        </div>
      )}
    </article>
  );
}

function ProposeForm({ ctx, paragraph, onDone }: { ctx: Ctx; paragraph: ParagraphView; onDone: () => void }) {
  const afterWrite = useAfterWrite();
  const [kind, setKind] = useState<"replace" | "delete" | "insert">("replace");
  const { pending, error, send } = useSubmit();
  async function submit(form: FormData) {
    const sent = await send(`/api/measures/${ctx.measureId}/alternatives`, "POST", {
      kind,
      paragraphId: paragraph.id,
      rationale: String(form.get("rationale") ?? ""),
      ...(kind === "delete" ? {} : { text: String(form.get("text") ?? "") }),
    });
    if (!sent.ok) return;
    onDone();
    afterWrite();
  }
  return (
    <form onSubmit={(e) => submitForm(e, submit)} className="mt-2 space-y-2 rounded-md border border-stone-200 bg-stone-50 p-3" aria-label={`Propose an alternative for paragraph ${paragraph.number}`}>
      <fieldset className="flex flex-wrap gap-4 text-sm">
        <legend className="sr-only">What to propose</legend>
        {(
          [
            ["replace", "New wording"],
            ["insert", "A new paragraph after it"],
            ["delete", "Deleting it"],
          ] as const
        ).map(([k, label]) => (
          <label key={k} className="inline-flex items-center gap-1.5">
            <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
            {label}
          </label>
        ))}
      </fieldset>
      {kind !== "delete" && (
        <div>
          <label className="label" htmlFor={`alt-text-${paragraph.id}`}>Proposed wording</label>
          <textarea className="field min-h-20 font-serif" id={`alt-text-${paragraph.id}`} name="text" defaultValue={kind === "replace" ? paragraph.text : ""} />
        </div>
      )}
      <div>
        <label className="label" htmlFor={`alt-rationale-${paragraph.id}`}>Rationale</label>
        <input className="field" id={`alt-rationale-${paragraph.id}`} name="rationale" maxLength={limits.rationale} />
      </div>
      <FormError message={error} />
      <div className="flex gap-2">
        <button className="btn-primary" type="submit" disabled={pending}>Propose</button>
        <button className="btn-secondary" type="button" onClick={onDone}>Cancel</button>
      </div>
    </form>
  );
}

/**
 * Edits or settles a paragraph against the version it was read at. When someone else saved
 * first, the server refuses and sends the current text; the form shows it and the reason, and the
 * next save is based on it.
 */
function WordingForm(props: {
  title: string;
  url: string;
  method: "PUT" | "POST";
  initial: string;
  version: number;
  submitLabel: string;
  onDone: () => void;
}) {
  const id = useId();
  const [text, setText] = useState(props.initial);
  const [version, setVersion] = useState(props.version);
  const { pending, error, send } = useSubmit();
  async function submit() {
    const sent = await send(props.url, props.method, { text, version });
    if (sent.ok) return props.onDone();
    const current = (sent.details as { current?: { text: string; version: number } } | undefined)?.current;
    if (sent.status === 409 && current) {
      setText(current.text);
      setVersion(current.version);
    }
  }
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      className="mt-2 space-y-2 rounded-md border border-stone-200 bg-stone-50 p-3"
      aria-label={props.title}
    >
      <label className="label" htmlFor={id}>{props.title}</label>
      <textarea className="field min-h-24 font-serif" id={id} value={text} onChange={(e) => setText(e.target.value)} />
      <FormError message={error} />
      <div className="flex gap-2">
        <button className="btn-primary" type="submit" disabled={pending}>{props.submitLabel}</button>
        <button className="btn-secondary" type="button" onClick={props.onDone}>Cancel</button>
      </div>
    </form>
  );
}

export function moversToFlags(movers: Mover[], status: string) {
  const editable = status === "draft" || status === "under_discussion";
  const isAuthor = movers.includes("author");
  const canSettle = status === "draft" ? isAuthor : movers.includes("chair");
  return { editable, isAuthor, canSettle };
}
