import type { ConnectionState } from "./use-forum-live";

const look: Record<ConnectionState, { dot: string; text: string }> = {
  connecting: { dot: "bg-stone-400", text: "Connecting…" },
  live: { dot: "bg-stance-support", text: "Live" },
  reconnecting: { dot: "bg-camp-cs animate-pulse", text: "Reconnecting…" },
  offline: { dot: "bg-stance-oppose", text: "Offline" },
};

export function ConnectionStatus({ state }: { state: ConnectionState }) {
  return (
    <span role="status" aria-live="polite" className="inline-flex items-center gap-1.5 text-xs text-stone-500" data-connection={state}>
      <span aria-hidden className={`h-2 w-2 rounded-full ${look[state].dot}`} />
      {look[state].text}
    </span>
  );
}
