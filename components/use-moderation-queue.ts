"use client";
// The chair's moderation queue, loaded from the API and read again whenever a comment is reported,
// hidden or its reports dismissed (by anyone, in any tab), or a name it shows changes.
import type { ModerationQueue } from "@/lib/measure/moderation-views";
import { useLiveResource } from "./use-forum-live";

export function useModerationQueue(forumId: string) {
  return useLiveResource<ModerationQueue>(forumId, `/api/forums/${forumId}/moderation`, (data, event) => {
    if (event.type === "comment:moderated" || event.type === "member:changed" || event.type === "member:removed") return "stale";
    return data;
  });
}
