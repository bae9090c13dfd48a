"use client";
// After a write succeeds, the page normally shows it when the write's live event arrives. Two
// cases hear no event: the connection is down, and writes on a draft, which stay private to its
// authors and publish nothing (lib/measures.ts, lib/comments.ts, lib/texts.ts). Then the page
// re-reads itself from the server instead.
import { createContext, useContext } from "react";
import { useRouter } from "next/navigation";
import { isLive } from "./use-forum-live";

const Unannounced = createContext(false);
/** Wraps a page whose writes publish no live event (a draft's page). */
export const UnannouncedWrites = Unannounced.Provider;

/** Returns what to call after a successful write; `announced` overrides the page's default. */
export function useAfterWrite() {
  const router = useRouter();
  const unannounced = useContext(Unannounced);
  return (announced = !unannounced) => {
    if (!announced || !isLive()) router.refresh();
  };
}
