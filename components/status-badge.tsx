import { measureStatusLabels, type MeasureStatus } from "@/lib/core/vocabulary";

const statusLook: Record<MeasureStatus, string> = {
  draft: "bg-stone-100 text-stone-700",
  under_discussion: "bg-sky-50 text-sky-800",
  in_decision: "bg-amber-100 text-amber-900",
  adopted: "bg-emerald-100 text-emerald-900",
  not_adopted: "bg-orange-100 text-orange-900",
  withdrawn: "bg-stone-200 text-stone-600",
};

export function StatusBadge({ status }: { status: MeasureStatus }) {
  return (
    <span data-testid="measure-status" className={`rounded-full px-2 py-0.5 text-[11px] font-semibold tracking-wide normal-case ${statusLook[status]}`}>
      {measureStatusLabels[status]}
    </span>
  );
}
