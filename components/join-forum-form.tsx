"use client";
import { useRouter } from "next/navigation";
import { limits } from "@/lib/core/limits";
import { campLabels, camps, stakeholderGroupLabels, stakeholderGroups, type Camp } from "@/lib/core/vocabulary";
import { CampBadge } from "./camp-badge";
import { FormError } from "./form-error";
import { submitForm } from "./send-json";
import { useSubmit } from "./use-submit";

const campHints: Record<Camp, string> = {
  internet_freedom: "An open, global internet; multistakeholder governance; human rights online.",
  cyber_sovereignty: "State sovereignty over the national information space; state-led governance.",
  non_aligned: "Neither camp, or positions taken case by case.",
};

export function JoinForumForm({ code }: { code: string }) {
  const router = useRouter();
  const { pending, error, send } = useSubmit({ holdOnSuccess: true });

  async function submit(form: FormData) {
    const sent = await send<{ forumId: string }>("/api/forums/join", "POST", {
      code,
      stakeholderGroup: form.get("stakeholderGroup"),
      delegation: String(form.get("delegation") ?? ""),
      camp: form.get("camp"),
    });
    if (!sent.ok) return;
    router.push(`/forums/${sent.data.forumId}`);
    router.refresh();
  }

  return (
    <form onSubmit={(e) => submitForm(e, submit)} className="mt-6 space-y-5">
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label className="label" htmlFor="delegation">Delegation name</label>
          <input className="field" id="delegation" name="delegation" placeholder="e.g. Estonia, Access Now" maxLength={limits.delegation} />
        </div>
        <div>
          <label className="label" htmlFor="stakeholderGroup">Stakeholder group</label>
          <select className="field" id="stakeholderGroup" name="stakeholderGroup" defaultValue="">
            <option value="" disabled>Choose…</option>
            {stakeholderGroups.map((g) => (
              <option key={g} value={g}>{stakeholderGroupLabels[g]}</option>
            ))}
          </select>
        </div>
      </div>
      <fieldset>
        <legend className="label">Camp</legend>
        <div className="grid gap-2 sm:grid-cols-3">
          {camps.map((c) => (
            <label key={c} className="flex cursor-pointer flex-col gap-1.5 rounded-md border border-stone-300 bg-white p-3 text-sm has-[:checked]:border-accent has-[:checked]:ring-2 has-[:checked]:ring-accent/25">
              <span className="flex items-center gap-2">
                <input type="radio" name="camp" value={c} aria-label={campLabels[c]} />
                <CampBadge camp={c} />
              </span>
              <span className="text-xs text-stone-500">{campHints[c]}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <FormError message={error} />
      <button className="btn-primary" type="submit" disabled={pending}>{pending ? "Joining…" : "Join as delegate"}</button>
    </form>
  );
}
