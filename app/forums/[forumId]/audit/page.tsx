import type { Metadata } from "next";
import Link from "next/link";
import { describeAudit } from "@/lib/core/audit-words";
import { utcSecond } from "@/lib/core/dates";
import { getForumFrame } from "@/lib/forum/forums";
import { loadOr404, requireIds, requirePageUser } from "@/lib/http/page-guard";
import { listAudit } from "@/lib/audit/read";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({ params }: { params: Promise<{ forumId: string }> }) {
  const { forumId } = requireIds(await params);
  const user = await requirePageUser(`/forums/${forumId}/audit`);
  const page = await loadOr404(() => getForumFrame(user.id, forumId));
  const events = await listAudit(user.id, forumId, { limit: 500 });
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-stone-500">
        <Link className="hover:text-accent hover:underline" href={`/forums/${forumId}`}>{page.forum.title}</Link> › Audit log
      </nav>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="font-serif text-3xl font-semibold">Audit log</h1>
          <p className="text-sm text-stone-600">Every change of state in this forum: who, when, what. Newest first; the last 500 are shown.</p>
        </div>
        {page.me.role === "chair" && (
          <a className="btn-secondary" href={`/api/forums/${forumId}/audit?format=csv`} download>
            Download CSV
          </a>
        )}
      </div>
      <div className="card overflow-x-auto">
        <table className="w-full text-sm">
          <thead>
            <tr className="border-b border-stone-200 text-left text-xs text-stone-500">
              <th className="px-4 py-2 font-medium">Time (UTC)</th>
              <th className="px-4 py-2 font-medium">What happened</th>
              <th className="px-4 py-2 font-medium">Action</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.id} className="border-b border-stone-100 align-top">
                <td className="px-4 py-2 whitespace-nowrap tabular-nums text-stone-500">{utcSecond(e.at)}</td>
                <td className="px-4 py-2">{describeAudit(e)}</td>
                <td className="px-4 py-2 font-mono text-xs text-stone-500">{e.action}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
