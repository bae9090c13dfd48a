"use client";
import { useRouter } from "next/navigation";
import { roleLabels, roles, stakeholderGroupLabels, type Role } from "@/lib/core/vocabulary";
import type { MemberView } from "@/lib/core/views";
import { ActionButton } from "./action-button";
import { CampBadge } from "./camp-badge";
import { useSubmit } from "./use-submit";

export function MemberAdmin({ forumId, meId, members }: { forumId: string; meId: string; members: MemberView[] }) {
  const router = useRouter();
  const { error, send } = useSubmit();
  async function setRole(memberId: string, role: Role) {
    await send(`/api/forums/${forumId}/members/${memberId}`, "PATCH", { role });
    router.refresh();
  }
  return (
    <div className="mt-4">
      {error && <p role="alert" className="mb-2 text-sm text-red-700">{error}</p>}
      <table className="w-full text-sm">
        <thead>
          <tr className="text-left text-xs text-stone-500">
            <th className="py-1 font-medium">Delegation</th>
            <th className="py-1 font-medium">Group</th>
            <th className="py-1 font-medium">Camp</th>
            <th className="py-1 font-medium">Role</th>
            <th className="py-1" />
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.id} className="border-t border-stone-100" data-member={m.delegation}>
              <td className="py-2">
                <span className="font-medium">{m.delegation}</span> <span className="text-stone-500">{m.name}</span>
              </td>
              <td className="py-2">{stakeholderGroupLabels[m.stakeholderGroup]}</td>
              <td className="py-2"><CampBadge camp={m.camp} /></td>
              <td className="py-2">
                <select
                  aria-label={`Role of ${m.delegation}`}
                  className="field w-auto py-1"
                  value={m.role}
                  onChange={(e) => void setRole(m.id, e.target.value as Role)}
                >
                  {roles.map((r) => (
                    <option key={r} value={r}>{roleLabels[r]}</option>
                  ))}
                </select>
              </td>
              <td className="py-2 text-right">
                {m.id !== meId && (
                  <ActionButton
                    url={`/api/forums/${forumId}/members/${m.id}`}
                    method="DELETE"
                    label="Remove"
                    variant="danger"
                    confirm={`Remove ${m.delegation} from the forum? Their positions on open measures are withdrawn.`}
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
