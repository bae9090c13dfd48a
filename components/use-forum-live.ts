"use client";
// Keeps forum pages live. One Socket.IO connection per tab, shared by every live component; each
// forum is joined once however many components show it, and its events go to all of them.
//
// A component holds a snapshot taken at some sequence number. An event that skips a number, a
// join answer ahead of it (after a reconnect) or a seq beacon ahead of it means it missed
// something, and it re-reads: router.refresh() for a server-rendered page, its own fetch for a
// component that loads its data itself.
import { useCallback, useEffect, useEffectEvent, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { io, type Socket } from "socket.io-client";
import { firstSeqOf, type ClientToServerEvents, type ForumEvent, type ServerToClientEvents } from "@/lib/core/events";
import { type PresenceView } from "@/lib/core/views";

export type ConnectionState = "connecting" | "live" | "reconnecting" | "offline" | "signed-out";

type Listener = {
  event?(event: ForumEvent): void;
  /** The server refused to join this forum: no longer a member, or a passing error. */
  refused?(): void;
  /** This forum's seq when the room was (re)joined, or the newest this tab has seen. */
  joined?(seq: number): void;
  beacon?(seq: number): void;
  presence?(presence: PresenceView): void;
  state(state: ConnectionState): void;
};

// A forum nobody shows any more is left after this long, so that a page re-rendering its
// components (a refresh, a remount) does not leave and join again.
const LEAVE_DELAY_MS = 1_000;
const REJOIN_DELAY_MS = 5_000;

let shared: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;
let connection: ConnectionState = "connecting";
const listeners = new Map<string, Set<Listener>>();
const joined = new Set<string>();
const highest = new Map<string, number>();
const leaving = new Map<string, ReturnType<typeof setTimeout>>();
const lastPresence = new Map<string, PresenceView>();

const each = (forumId: string, run: (l: Listener) => void) => listeners.get(forumId)?.forEach(run);
const everyone = (run: (l: Listener) => void) => listeners.forEach((set) => set.forEach(run));

function seen(forumId: string, seq: number) {
  highest.set(forumId, Math.max(seq, highest.get(forumId) ?? 0));
}

function join(forumId: string) {
  socket().emit("forum:join", { forumId }, (reply) => {
    if (!listeners.get(forumId)?.size) return;
    if (!reply.ok) {
      // The page re-reads: a member no longer gets a "not found"; after a passing error the
      // join is tried again.
      each(forumId, (l) => l.state("offline"));
      each(forumId, (l) => l.refused?.());
      setTimeout(() => shared?.connected && listeners.get(forumId)?.size && !joined.has(forumId) && join(forumId), REJOIN_DELAY_MS);
      return;
    }
    joined.add(forumId);
    seen(forumId, reply.seq);
    each(forumId, (l) => l.state("live"));
    each(forumId, (l) => l.joined?.(reply.seq));
  });
}

function setConnection(state: ConnectionState) {
  connection = state;
  everyone((l) => l.state(state));
}

function socket() {
  if (shared) return shared;
  const s: Socket<ServerToClientEvents, ClientToServerEvents> = io({ transports: ["websocket", "polling"] });
  shared = s;
  s.on("connect", () => {
    // Each forum reports "live" once its join is answered.
    connection = "live";
    listeners.forEach((set, forumId) => set.size > 0 && join(forumId));
  });
  s.on("disconnect", (reason) => {
    joined.clear();
    lastPresence.clear();
    setConnection("reconnecting");
    // The server closed this connection on purpose: it is shutting down (behind a load
    // balancer another instance takes over) or the user signed out (the handshake will say).
    if (reason === "io server disconnect") setTimeout(() => s.connect(), 500 + Math.random() * 2_000);
  });
  s.on("connect_error", (error) => {
    setConnection(error.message === "unauthenticated" ? "signed-out" : s.active ? "reconnecting" : "offline");
  });
  s.on("forum:event", (event) => {
    seen(event.forumId, event.seq);
    each(event.forumId, (l) => l.event?.(event));
  });
  s.on("forum:seq", ({ forumId, seq }) => each(forumId, (l) => l.beacon?.(seq)));
  s.on("forum:presence", (presence) => {
    lastPresence.set(presence.forumId, presence);
    each(presence.forumId, (l) => l.presence?.(presence));
  });
  return s;
}

function subscribe(forumId: string, listener: Listener) {
  const s = socket();
  clearTimeout(leaving.get(forumId));
  leaving.delete(forumId);
  const set = listeners.get(forumId) ?? new Set();
  listeners.set(forumId, set);
  set.add(listener);
  if (joined.has(forumId)) {
    listener.state("live");
    listener.joined?.(highest.get(forumId) ?? 0);
    const presence = lastPresence.get(forumId);
    if (presence) listener.presence?.(presence);
  } else {
    listener.state(connection === "live" ? "connecting" : connection);
    if (s.connected && set.size === 1) join(forumId);
  }
  return () => {
    set.delete(listener);
    if (set.size > 0) return;
    leaving.set(
      forumId,
      setTimeout(() => {
        leaving.delete(forumId);
        if (listeners.get(forumId)?.size) return;
        joined.delete(forumId);
        lastPresence.delete(forumId);
        s.emit("forum:leave", { forumId });
      }, LEAVE_DELAY_MS),
    );
  };
}

/** True when the socket is up; a write made while it is down needs a re-read to show. */
export function isLive() {
  return shared?.connected ?? false;
}

/**
 * Applies a forum's events, in order, to a snapshot taken at `snapshotSeq` (null while it is
 * loading), and calls `resync` (by default, re-rendering the page on the server) when the
 * snapshot may be stale. Returns the connection state to show.
 */
export function useForumLive(
  forumId: string,
  snapshotSeq: number | null,
  apply: (event: ForumEvent) => void,
  resync?: () => void,
): ConnectionState {
  const router = useRouter();
  const [state, setState] = useState<ConnectionState>("connecting");
  const onEvent = useEffectEvent(apply);
  const reread = useEffectEvent(() => (resync ? resync() : router.refresh()));

  useEffect(() => {
    let lastSeq = snapshotSeq ?? Number.MAX_SAFE_INTEGER;
    const behind = (seq: number) => {
      if (seq <= lastSeq) return;
      lastSeq = seq;
      reread();
    };
    const unsubscribe = subscribe(forumId, {
      state: setState,
      event(event) {
        if (event.seq <= lastSeq) return;
        if (firstSeqOf(event) > lastSeq + 1) behind(event.seq);
        else {
          lastSeq = event.seq;
          onEvent(event);
        }
      },
      joined: behind,
      refused: reread,
      // The server tells a seq only once its events have all been sent (lib/live/socket-server.ts):
      // behind one, this page has missed something.
      beacon: behind,
    });
    return unsubscribe;
  }, [forumId, snapshotSeq]);

  return state;
}

/**
 * Data a component loads itself from a forum's JSON API (`{ seq, ... }`), kept live by `apply`
 * (which returns the data unchanged for events that do not concern it, or "stale" when the
 * event makes it worth re-reading) and re-fetched whenever it may be stale. Returns the data
 * (null until loaded), the connection state and a function to re-fetch now.
 */
export function useLiveResource<T extends { seq: number }>(
  forumId: string,
  url: string,
  apply: (data: T, event: ForumEvent) => T | "stale",
) {
  const [data, setData] = useState<T | null>(null);
  const [snapshotSeq, setSnapshotSeq] = useState<number | null>(null);
  const request = useRef(0);
  const load = useCallback(async () => {
    const mine = ++request.current;
    const res = await fetch(url, { cache: "no-store" }).catch(() => null);
    if (!res?.ok || mine !== request.current) return;
    const fresh = (await res.json()) as T;
    // An event applied meanwhile may already be newer than this answer.
    setData((current) => (current && current.seq > fresh.seq ? current : fresh));
    setSnapshotSeq(fresh.seq);
  }, [url]);
  useEffect(() => {
    void load();
  }, [load]);
  const state = useForumLive(
    forumId,
    snapshotSeq,
    (event) => {
      if (!data) return;
      const next = apply(data, event);
      if (next === "stale") void load();
      else if (next !== data) setData((current) => (current && current.seq >= event.seq ? current : { ...next, seq: event.seq }));
    },
    () => void load(),
  );
  return { data, state, reload: load };
}

/** Who is in the forum's room now, as the server last counted it (null until it has). */
export function usePresence(forumId: string): PresenceView | null {
  const [presence, setPresence] = useState<PresenceView | null>(null);
  useEffect(
    () =>
      subscribe(forumId, {
        state(state) {
          if (state !== "live") setPresence(null);
        },
        presence(next) {
          setPresence((current) => (current && current.at > next.at ? current : next));
        },
      }),
    [forumId],
  );
  return presence;
}
