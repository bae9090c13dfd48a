// The browser side of the JSON API: send a body, get back the data or the server's message.
// `details` is the API's optional `{ error, details }` extra, e.g. the current text on a conflict.
export type Sent<T> = { ok: true; data: T } | { ok: false; error: string; status: number; details?: unknown };

export type Method = "POST" | "PUT" | "PATCH" | "DELETE";

export async function sendJson<T>(url: string, method: Method, body: unknown): Promise<Sent<T>> {
  try {
    const res = await fetch(url, {
      method,
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const payload = res.status === 204 ? {} : await res.json().catch(() => ({}));
    if (res.ok) return { ok: true, data: payload as T };
    return { ok: false, status: res.status, error: payload.error ?? `The server answered ${res.status}.`, details: payload.details };
  } catch {
    return { ok: false, status: 0, error: "Could not reach the server. Check your connection and try again." };
  }
}

/**
 * Submits a form's data to `run` without React's form action, which resets the form after every
 * submission and would throw away a comment the server refused.
 */
export function submitForm(event: React.FormEvent<HTMLFormElement>, run: (form: FormData) => Promise<void>) {
  event.preventDefault();
  void run(new FormData(event.currentTarget));
}
