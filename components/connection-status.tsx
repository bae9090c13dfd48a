import type { ConnectionState } from "./use-forum-live";

const look: Record<ConnectionState, { dot: string; text: string; hint: string }> = {
  connecting: { dot: "bg-stone-400", text: "Connecting…", hint: "Connecting to the live room." },
  live: { dot: "bg-stance-support", text: "Live", hint: "Changes by others appear here as they happen." },
  reconnecting: {
    dot: "bg-camp-cs animate-pulse",
    text: "Reconnecting…",
    hint: "The connection dropped. It comes back on its own, and the page catches up on what it missed.",
  },
  offline: { dot: "bg-stance-oppose", text: "Offline", hint: "Not connected to the live room: reload the page." },
  "signed-out": { dot: "bg-stance-oppose", text: "Signed out", hint: "You signed out: sign in again to follow the room live." },
};

/** A small dot and word: whether this page is receiving changes live. */
export function ConnectionStatus({ state }: { state: ConnectionState }) {
  return (
    <span
      role="status"
      aria-live="polite"
      title={look[state].hint}
      className="inline-flex items-center gap-1.5 text-xs text-stone-500"
      data-connection={state}
    >
      <span aria-hidden className={`h-2 w-2 rounded-full ${look[state].dot}`} />
      {look[state].text}
    </span>
  );
}
