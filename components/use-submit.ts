"use client";
// What every form around sendJson shares: the pending flag, the server's refusal to show, and
// the retry id of a write that must not count twice.
import { useRef, useState } from "react";
import { newClientId } from "./client-id";
import { sendJson, type Method, type Sent } from "./send-json";

/**
 * `holdOnSuccess` is for a form that leaves the page when it succeeds: it stays pending, so it
 * cannot be sent again while the next page loads.
 */
export function useSubmit({ holdOnSuccess = false } = {}) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const retryId = useRef<string | null>(null);

  async function send<T = unknown>(url: string, method: Method, body: unknown): Promise<Sent<T>> {
    setPending(true);
    setError(null);
    const sent = await sendJson<T>(url, method, body);
    if (!sent.ok) setError(sent.error);
    if (!sent.ok || !holdOnSuccess) setPending(false);
    return sent;
  }

  /** Sends a write the server deduplicates by `clientId`, so that resending it cannot count twice. */
  async function sendOnce<T = unknown>(url: string, method: Method, body: (clientId: string) => unknown): Promise<Sent<T>> {
    retryId.current ??= newClientId();
    const sent = await send<T>(url, method, body(retryId.current));
    // With no answer (status 0) the write may still have reached the server: the resend keeps its
    // id, so the server recognises it. Any answer, a success or a refusal, settles that write, and
    // the next send is a new one.
    if (sent.ok || sent.status !== 0) retryId.current = null;
    return sent;
  }

  return { pending, error, send, sendOnce };
}
