"use client";
// Keeps a server-rendered forum page current: an event that changes what the page shows
// re-reads it from the server.
import { useRouter } from "next/navigation";
import type { ForumEvent } from "@/lib/core/events";
import { ConnectionStatus } from "./connection-status";
import { useForumLive } from "./use-forum-live";

export function LiveRefresh({ forumId, seq, on }: { forumId: string; seq: number; on: readonly ForumEvent["type"][] }) {
  const router = useRouter();
  const connection = useForumLive(forumId, seq, (event) => {
    if (on.includes(event.type)) router.refresh();
  });
  return <ConnectionStatus state={connection} />;
}
