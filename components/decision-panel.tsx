"use client";
// The decision on a measure: the form that opens one (chair), the live verdict while it is open,
// and the frozen outcome once it has closed.
import { useState } from "react";
import { utcMinute } from "@/lib/core/dates";
import { evaluateDecision, ruleExplanations, ruleLabels } from "@/lib/core/decision-rules";
import type { Tally } from "@/lib/core/tallies";
import { campLabels, camps, decisionRules, type Camp, type DecisionRule, type Role } from "@/lib/core/vocabulary";
import type { DecisionView, ForumView, PositionView } from "@/lib/core/views";
import { ActionButton } from "./action-button";
import { useAfterWrite } from "./after-write";
import { CampBadge } from "./camp-badge";
import { Countdown } from "./countdown";
import { FormError } from "./form-error";
import { submitForm } from "./send-json";
import { useSubmit } from "./use-submit";

type Objection = { delegation: string; camp: Camp; reason: string; at?: string };

type Props = {
  measureId: string;
  status: string;
  decision: DecisionView | null;
  tally: Tally;
  positions: PositionView[];
  objections: Objection[];
  forum: ForumView;
  me: { id: string; role: Role; delegation: string };
};

export function DecisionPanel(props: Props) {
  const { decision } = props;
  const open = props.status === "in_decision" && decision && !decision.closedAt;
  const decided = (props.status === "adopted" || props.status === "not_adopted") && decision?.outcome;
  if (open) return <OpenDecision {...props} decision={decision} />;
  if (decided) return <ClosedDecision decision={decision} />;
  if (props.status === "under_discussion" && props.me.role === "chair") return <OpenDecisionForm {...props} />;
  return null;
}

function ObjectionList({ items, title }: { items: Objection[]; title: string }) {
  if (items.length === 0) return null;
  return (
    <div>
      <h3 className="text-sm font-semibold">{title}</h3>
      <ul className="mt-1 space-y-1.5 text-sm" aria-label={title}>
        {items.map((o, i) => (
          <li key={`${o.delegation}-${i}`}>
            <span className="font-medium">{o.delegation}</span> <CampBadge camp={o.camp} compact />
            {o.reason && <span className="text-stone-600"> — “{o.reason}”</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}

function OpenDecision(props: Props & { decision: DecisionView }) {
  const { decision } = props;
  const verdict = evaluateDecision(decision, props.tally, decision.objectionCount);
  const opposing: Objection[] = props.positions
    .filter((p) => p.stance === "oppose")
    .map((p) => ({ delegation: p.delegation, camp: p.camp, reason: p.rationale }));
  const alreadyObjected = props.objections.some((o) => o.delegation === props.me.delegation);
  return (
    <section aria-labelledby="decision-heading" className="card space-y-4 border-2 border-accent/40 p-5">
      <div>
        <p className="text-xs font-semibold uppercase tracking-widest text-accent">Decision open</p>
        <h2 id="decision-heading" className="font-serif text-xl font-semibold">{ruleLabels[decision.rule]}</h2>
        <p className="text-sm text-stone-600">{ruleExplanations[decision.rule]}</p>
        <p className="mt-1 text-xs text-stone-500">
          {decision.quorum ? `Quorum: ${decision.quorum} positions. ` : "No quorum. "}
          {decision.rule === "cross_camp" && `A camp counts with at least ${decision.crossCampMin} support or oppose positions.`}
        </p>
        {decision.deadline && (
          <p className="mt-2 text-sm">
            Closes in <Countdown deadline={decision.deadline} />{" "}
            <span className="text-stone-500">({utcMinute(decision.deadline)})</span>
          </p>
        )}
      </div>
      <div
        data-testid="live-verdict"
        className={`rounded-md border p-3 ${verdict.passes ? "border-stance-support/40 bg-emerald-50" : "border-stance-oppose/40 bg-orange-50"}`}
      >
        <p className="font-semibold">{verdict.headline}</p>
        <ul className="mt-1 list-disc pl-5 text-sm text-stone-700">
          {verdict.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      </div>
      {decision.rule === "consensus" && <ObjectionList items={opposing} title="Objections" />}
      {decision.rule === "silence" && <ObjectionList items={props.objections} title="Silence broken by" />}
      {decision.rule === "silence" && props.me.role !== "observer" && !alreadyObjected && (
        <BreakSilenceForm measureId={props.measureId} />
      )}
      {props.me.role === "chair" && (
        <div className="flex flex-wrap gap-2 border-t border-stone-100 pt-3">
          <ActionButton url={`/api/measures/${props.measureId}/decision/close`} label="Close the decision now" variant="primary" />
          <ActionButton
            url={`/api/measures/${props.measureId}/status`}
            body={{ to: "under_discussion" }}
            label="Cancel the decision"
            confirm="Cancel this decision and return the measure to discussion?"
          />
        </div>
      )}
    </section>
  );
}

function BreakSilenceForm({ measureId }: { measureId: string }) {
  const afterWrite = useAfterWrite();
  const { pending, error, send } = useSubmit();
  async function submit(form: FormData) {
    const sent = await send(`/api/measures/${measureId}/objections`, "POST", { reason: String(form.get("reason") ?? "") });
    if (sent.ok) afterWrite();
  }
  return (
    <form onSubmit={(e) => submitForm(e, submit)} className="space-y-2 border-t border-stone-100 pt-3" aria-label="Break silence">
      <label className="label" htmlFor="objection-reason">Break silence: your objection</label>
      <textarea className="field min-h-16" id="objection-reason" name="reason" required />
      <FormError message={error} />
      <button className="btn border border-red-300 bg-white text-red-700 hover:bg-red-50" type="submit" disabled={pending}>
        Break silence
      </button>
    </form>
  );
}

function ClosedDecision({ decision }: { decision: DecisionView }) {
  const adopted = decision.outcome === "adopted";
  return (
    <section aria-labelledby="outcome-heading" className={`card space-y-3 border-2 p-5 ${adopted ? "border-stance-support/50" : "border-stance-oppose/50"}`}>
      <div>
        <p className="text-xs font-semibold uppercase tracking-widest text-stone-500">Outcome</p>
        <h2 id="outcome-heading" className={`font-serif text-2xl font-semibold ${adopted ? "text-stance-support" : "text-stance-oppose"}`}>
          {adopted ? "Adopted" : "Not adopted"}
        </h2>
        <p className="text-sm text-stone-600">
          Under {ruleLabels[decision.rule].toLowerCase()}, closed {decision.closedAt && utcMinute(decision.closedAt)}.
        </p>
      </div>
      {decision.finalVerdict && (
        <ul className="list-disc pl-5 text-sm text-stone-700" aria-label="Reasons">
          {decision.finalVerdict.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}
      {decision.finalTally && (
        <table className="w-full text-sm">
          <caption className="sr-only">Final tally by camp</caption>
          <thead>
            <tr className="text-left text-xs text-stone-500">
              <th className="font-medium">Camp</th>
              <th className="text-right font-medium">Support</th>
              <th className="text-right font-medium">Oppose</th>
              <th className="text-right font-medium">Abstain</th>
            </tr>
          </thead>
          <tbody>
            {camps.map((c) => (
              <tr key={c} className="border-t border-stone-100">
                <td className="py-1">{campLabels[c]}</td>
                <td className="text-right tabular-nums">{decision.finalTally!.byCamp[c].support}</td>
                <td className="text-right tabular-nums">{decision.finalTally!.byCamp[c].oppose}</td>
                <td className="text-right tabular-nums">{decision.finalTally!.byCamp[c].abstain}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ObjectionList
        items={(decision.finalObjections ?? []).map((o) => ({ ...o, camp: o.camp as Camp }))}
        title={decision.rule === "silence" ? "Silence broken by" : "Objections"}
      />
    </section>
  );
}

function OpenDecisionForm(props: Props) {
  const afterWrite = useAfterWrite();
  const [rule, setRule] = useState<DecisionRule>(props.forum.defaultRule);
  const { pending, error, send } = useSubmit();
  async function submit(form: FormData) {
    const minutes = Number(form.get("minutes") || 0);
    const quorum = Number(form.get("quorum") || 0);
    const sent = await send(`/api/measures/${props.measureId}/decision`, "POST", {
      rule,
      quorum: quorum > 0 ? quorum : null,
      crossCampMin: Number(form.get("crossCampMin") || 1),
      ...(minutes > 0 ? { minutes } : {}),
    });
    if (sent.ok) afterWrite();
  }
  return (
    <form onSubmit={(e) => submitForm(e, submit)} className="card space-y-3 p-5" aria-label="Open a decision">
      <h2 className="font-serif text-xl font-semibold">Open a decision</h2>
      <div>
        <label className="label" htmlFor="decision-rule">Decision rule</label>
        <select className="field" id="decision-rule" value={rule} onChange={(e) => setRule(e.target.value as DecisionRule)}>
          {decisionRules.map((r) => (
            <option key={r} value={r}>
              {ruleLabels[r]}
              {r === props.forum.defaultRule ? " (forum default)" : ""}
            </option>
          ))}
        </select>
        <p className="mt-1 text-xs text-stone-500">{ruleExplanations[rule]}</p>
      </div>
      <div className="grid grid-cols-2 gap-3">
        <div>
          <label className="label" htmlFor="decision-minutes">Deadline in minutes</label>
          <input className="field" id="decision-minutes" name="minutes" type="number" min="0" step="any" placeholder={rule === "silence" ? "required" : "none"} />
        </div>
        <div>
          <label className="label" htmlFor="decision-quorum">Quorum</label>
          <input className="field" id="decision-quorum" name="quorum" type="number" min="0" defaultValue={props.forum.defaultQuorum ?? ""} placeholder="none" />
        </div>
      </div>
      {rule === "cross_camp" && (
        <div>
          <label className="label" htmlFor="decision-n">A camp counts from this many support/oppose positions</label>
          <input className="field" id="decision-n" name="crossCampMin" type="number" min="1" defaultValue={props.forum.defaultCrossCampMin} />
        </div>
      )}
      <FormError message={error} />
      <button className="btn-primary" type="submit" disabled={pending}>
        {rule === "silence" ? "Circulate under silence" : "Open the decision"}
      </button>
    </form>
  );
}
