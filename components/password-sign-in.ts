// Signing in with email and password from the browser: next-auth's CSRF token, then its
// credentials callback. next-auth/react's signIn does the same but cannot read the server's
// own refusal (a 429 with how long to wait), which this passes on as it is.
/** `status`: 401 for a wrong email or password, 429 when throttled, 0 when the server was not reached. */
export type SignInOutcome = { ok: true } | { ok: false; status: number; error: string };

const WRONG = "The email or password is not correct.";

export async function signInWithPassword(email: string, password: string): Promise<SignInOutcome> {
  try {
    const { csrfToken } = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
    const res = await fetch("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email, password, csrfToken, json: "true" }),
    });
    if (res.ok) return { ok: true };
    // One message for a wrong password and an unknown email alike; a throttled attempt says how long to wait.
    const payload = (await res.json().catch(() => ({}))) as { error?: unknown };
    return { ok: false, status: res.status, error: res.status === 429 && typeof payload.error === "string" ? payload.error : WRONG };
  } catch {
    return { ok: false, status: 0, error: "Could not reach the server. Check your connection and try again." };
  }
}
