"use client";
// Keeps a forum page live: joins the forum's Socket.IO room, hands each event to the page in
// sequence, and re-reads the page from the server when it may have missed one (a gap in the
// sequence numbers, or a reconnect after events went by).
import { useEffect, useEffectEvent, useState } from "react";
import { useRouter } from "next/navigation";
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ForumEvent, ServerToClientEvents } from "@/lib/events";

export type ConnectionState = "connecting" | "live" | "reconnecting" | "offline";

let shared: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;

// One socket per tab, shared by every live component on the page.
function socket() {
  shared ??= io({ transports: ["websocket", "polling"] });
  return shared;
}

/** True when the socket is up; a write made while it is down needs a re-read to show. */
export function isLive() {
  return shared?.connected ?? false;
}

export function useForumLive(forumId: string, snapshotSeq: number, apply: (event: ForumEvent) => void) {
  const router = useRouter();
  const [state, setState] = useState<ConnectionState>("connecting");
  const onEvent = useEffectEvent(apply);
  const resync = useEffectEvent(() => router.refresh());

  useEffect(() => {
    const s = socket();
    let lastSeq = snapshotSeq;

    const join = () =>
      s.emit("forum:join", { forumId }, (reply) => {
        if (!reply.ok) {
          setState("offline");
          return;
        }
        setState("live");
        if (reply.seq > lastSeq) {
          lastSeq = reply.seq;
          resync();
        }
      });
    const handle = (event: ForumEvent) => {
      if (event.forumId !== forumId || event.seq <= lastSeq) return;
      const gap = event.seq > lastSeq + 1;
      lastSeq = event.seq;
      if (gap) resync();
      else onEvent(event);
    };
    const down = () => setState("reconnecting");
    const failed = () => setState(s.active ? "reconnecting" : "offline");

    s.on("connect", join);
    s.on("disconnect", down);
    s.on("connect_error", failed);
    s.on("forum:event", handle);
    if (s.connected) join();
    return () => {
      s.off("connect", join);
      s.off("disconnect", down);
      s.off("connect_error", failed);
      s.off("forum:event", handle);
      s.emit("forum:leave", { forumId });
    };
  }, [forumId, snapshotSeq]);

  return state;
}
