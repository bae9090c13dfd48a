// The head of the forum's map, dashboard and report pages: where you are, and the way between them.
import Link from "next/link";

const insightViews = [
  { key: "map", label: "Consensus map" },
  { key: "dashboard", label: "Dashboard" },
  { key: "report", label: "Outcome report" },
] as const;
type View = (typeof insightViews)[number]["key"];

export function InsightsHeader({
  forumId,
  forumTitle,
  current,
  intro,
  children,
}: {
  forumId: string;
  forumTitle: string;
  current: View;
  intro: React.ReactNode;
  children?: React.ReactNode;
}) {
  const label = insightViews.find((v) => v.key === current)!.label;
  return (
    <header className="space-y-3 print:hidden">
      <nav aria-label="Breadcrumb" className="text-sm text-stone-500">
        <Link className="hover:text-accent hover:underline" href={`/forums/${forumId}`}>{forumTitle}</Link>
        <span aria-hidden> › </span>
        <span>{label}</span>
      </nav>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="max-w-3xl">
          <h1 className="font-serif text-3xl font-semibold">{label}</h1>
          <p className="mt-1 text-sm text-stone-600">{intro}</p>
        </div>
        {children}
      </div>
      <nav aria-label="Forum views" className="flex gap-1 border-b border-stone-200 text-sm">
        {insightViews.map((v) => (
          <Link
            key={v.key}
            href={`/forums/${forumId}/${v.key}`}
            aria-current={v.key === current ? "page" : undefined}
            className={`-mb-px border-b-2 px-3 py-2 ${v.key === current ? "border-accent font-semibold text-accent" : "border-transparent text-stone-600 hover:text-ink"}`}
          >
            {v.label}
          </Link>
        ))}
      </nav>
    </header>
  );
}
