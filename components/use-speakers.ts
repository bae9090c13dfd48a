"use client";
// The speakers' list of a forum, loaded from the API and kept live, and the requests that change
// it (shared by the forum page's list and the measure page's "request the floor").
import type { Sent } from "./send-json";
import { isLive, useLiveResource } from "./use-forum-live";
import { useSubmit } from "./use-submit";
import { type SpeakersView } from "@/lib/core/views";

export type Speakers = SpeakersView & { seq: number };

export function useSpeakers(forumId: string) {
  const base = `/api/forums/${forumId}/speakers`;
  const live = useLiveResource<Speakers>(forumId, base, (data, event) => {
    if (event.type === "speakers:changed") return { ...event.speakers, seq: event.seq };
    // Names and membership shown on the list come from the members.
    if (event.type === "member:changed" || event.type === "member:removed") return "stale";
    return data;
  });
  const submit = useSubmit();
  // With the connection down no event brings the change: the list is read again instead.
  function reloadUnlessLive(sent: Sent<unknown>) {
    if (sent.ok && !isLive()) void live.reload();
  }
  async function send(method: "POST" | "DELETE", path: string, body: unknown = {}) {
    reloadUnlessLive(await submit.send(`${base}${path}`, method, body));
  }

  return {
    ...live,
    error: submit.error,
    pending: submit.pending,
    // Sent with a retry id, so that resending a request cannot queue it twice.
    requestFloor: async (measureId: string | null) => {
      reloadUnlessLive(await submit.sendOnce(base, "POST", (clientId) => ({ measureId, clientId })));
    },
    withdraw: (id: string) => send("DELETE", `/${id}`),
    giveFloor: (seconds: number | null, id?: string) => send("POST", "/floor", { requestId: id, seconds }),
    endTurn: () => send("DELETE", "/floor"),
  };
}

const ordinalRules = new Intl.PluralRules("en", { type: "ordinal" });
const suffixes: Record<string, string> = { one: "st", two: "nd", few: "rd", other: "th" };

/** 1st, 2nd, 3rd, 4th… */
export function ordinal(n: number) {
  return `${n}${suffixes[ordinalRules.select(n)]}`;
}
