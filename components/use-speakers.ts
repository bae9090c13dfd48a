"use client";
// The speakers' list of a forum, loaded from the API and kept live, and the requests that change
// it (shared by the forum page's list and the measure page's "request the floor").
import { useRef, useState } from "react";
import { newClientId } from "./client-id";
import { sendJson } from "./send-json";
import { isLive, useLiveResource } from "./use-forum-live";
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
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // Kept across a failed attempt, so resending the same request cannot queue twice.
  const requestId = useRef<string | null>(null);

  async function send(method: "POST" | "DELETE", path: string, body: unknown = {}) {
    setPending(true);
    setError(null);
    const sent = await sendJson(`${base}${path}`, method, body);
    setPending(false);
    if (!sent.ok) setError(sent.error);
    else if (!isLive()) void live.reload();
    return sent;
  }

  return {
    ...live,
    error,
    pending,
    requestFloor: async (measureId: string | null) => {
      requestId.current ??= newClientId();
      const sent = await send("POST", "", { measureId, clientId: requestId.current });
      // Only a request that may not have arrived is resent with the same id.
      if (sent.ok || sent.status !== 0) requestId.current = null;
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
