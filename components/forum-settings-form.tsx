"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { ruleExplanations, ruleLabels } from "@/lib/core/decision-rules";
import { limits } from "@/lib/core/limits";
import { decisionRules, type DecisionRule } from "@/lib/core/vocabulary";
import type { ForumView } from "@/lib/core/views";
import { FormError } from "./form-error";
import { submitForm } from "./send-json";
import { useSubmit } from "./use-submit";

export function ForumSettingsForm({ forum }: { forum: ForumView }) {
  const router = useRouter();
  const [rule, setRule] = useState<DecisionRule>(forum.defaultRule);
  const { error, send } = useSubmit();
  const [saved, setSaved] = useState(false);
  async function submit(form: FormData) {
    setSaved(false);
    const quorum = Number(form.get("quorum") || 0);
    const sent = await send(`/api/forums/${forum.id}`, "PATCH", {
      title: String(form.get("title") ?? ""),
      description: String(form.get("description") ?? ""),
      defaultRule: rule,
      defaultQuorum: quorum > 0 ? quorum : null,
      defaultCrossCampMin: Number(form.get("crossCampMin") || 1),
      discloseMemberNames: form.get("discloseMemberNames") === "on",
    });
    if (!sent.ok) return;
    setSaved(true);
    router.refresh();
  }
  return (
    <form onSubmit={(e) => submitForm(e, submit)} className="space-y-3" aria-label="Forum settings">
      <div>
        <label className="label" htmlFor="settings-title">Title</label>
        <input className="field" id="settings-title" name="title" defaultValue={forum.title} maxLength={limits.forumTitle} />
      </div>
      <div>
        <label className="label" htmlFor="settings-description">Description</label>
        <textarea className="field min-h-20" id="settings-description" name="description" defaultValue={forum.description} />
      </div>
      <div>
        <label className="label" htmlFor="settings-rule">Default decision rule</label>
        <select className="field" id="settings-rule" value={rule} onChange={(e) => setRule(e.target.value as DecisionRule)}>
          {decisionRules.map((r) => (
            <option key={r} value={r}>{ruleLabels[r]}</option>
          ))}
        </select>
        <p className="mt-1 text-xs text-stone-500">{ruleExplanations[rule]}</p>
      </div>
      <div className="grid grid-cols-2 gap-3">
        <div>
          <label className="label" htmlFor="settings-quorum">Default quorum</label>
          <input className="field" id="settings-quorum" name="quorum" type="number" min="0" defaultValue={forum.defaultQuorum ?? ""} placeholder="none" />
        </div>
        <div>
          <label className="label" htmlFor="settings-n">Cross-camp minimum (N)</label>
          <input className="field" id="settings-n" name="crossCampMin" type="number" min="1" defaultValue={forum.defaultCrossCampMin} />
        </div>
      </div>
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" name="discloseMemberNames" defaultChecked={forum.discloseMemberNames} className="mt-1" />
        <span>
          Include members’ personal names in exports of positions and comments
          <span className="block text-xs text-stone-500">Delegation names, camps and groups are always included.</span>
        </span>
      </label>
      <FormError message={error} />
      <div className="flex items-center gap-3">
        <button className="btn-primary" type="submit">Save settings</button>
        {saved && <span role="status" className="text-sm text-stance-support">Saved</span>}
      </div>
    </form>
  );
}
