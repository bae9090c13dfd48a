"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { limits } from "@/lib/core/limits";
import { campLabels, camps, stakeholderGroupLabels, stakeholderGroups, type Camp, type StakeholderGroup } from "@/lib/core/vocabulary";
import { FormError } from "./form-error";
import { submitForm } from "./send-json";
import { useSubmit } from "./use-submit";

export function ProfileForm(props: { forumId: string; profile: { delegation: string; stakeholderGroup: StakeholderGroup; camp: Camp } }) {
  const router = useRouter();
  const { error, send } = useSubmit();
  const [saved, setSaved] = useState(false);
  async function submit(form: FormData) {
    setSaved(false);
    const sent = await send(`/api/forums/${props.forumId}/profile`, "PUT", {
      delegation: String(form.get("delegation") ?? ""),
      stakeholderGroup: form.get("stakeholderGroup"),
      camp: form.get("camp"),
    });
    if (!sent.ok) return;
    setSaved(true);
    router.refresh();
  }
  return (
    <form onSubmit={(e) => submitForm(e, submit)} className="mt-6 space-y-4" aria-label="Your delegation">
      <div>
        <label className="label" htmlFor="profile-delegation">Delegation name</label>
        <input className="field" id="profile-delegation" name="delegation" defaultValue={props.profile.delegation} maxLength={limits.delegation} />
      </div>
      <div>
        <label className="label" htmlFor="profile-group">Stakeholder group</label>
        <select className="field" id="profile-group" name="stakeholderGroup" defaultValue={props.profile.stakeholderGroup}>
          {stakeholderGroups.map((g) => (
            <option key={g} value={g}>{stakeholderGroupLabels[g]}</option>
          ))}
        </select>
      </div>
      <div>
        <label className="label" htmlFor="profile-camp">Camp</label>
        <select className="field" id="profile-camp" name="camp" defaultValue={props.profile.camp}>
          {camps.map((c) => (
            <option key={c} value={c}>{campLabels[c]}</option>
          ))}
        </select>
      </div>
      <FormError message={error} />
      <div className="flex items-center gap-3">
        <button className="btn-primary" type="submit">Save</button>
        {saved && <span role="status" className="text-sm text-stance-support">Saved</span>}
      </div>
    </form>
  );
}
