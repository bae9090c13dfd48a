import "server-only";
// What server.ts checks and sets on every request before Next or the position endpoint sees it:
// a path that does not decode, a body larger than any request needs, and a state change sent
// with the session cookie from another site are refused here, and every response carries the
// headers that keep the browser from sniffing types, framing the site or leaking its addresses.
import type { IncomingMessage, ServerResponse } from "node:http";

/** No request needs more: a measure's text is 20,000 characters, under 128 KB as JSON. */
export const MAX_BODY_BYTES = 256 * 1024;

const unsafeMethods = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export type Refusal = { status: number; error: string; headers?: Record<string, string> };

// Text a path can name: no NUL, no half of a surrogate pair (lib/core/validation.ts says why).
const unstorable = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Each segment of the path decodes to text, or the address names nothing Concord could serve. */
function pathDecodes(url: string): boolean {
  const path = url.split(/[?#]/, 1)[0]!;
  try {
    return path.split("/").every((segment) => !unstorable.test(decodeURIComponent(segment)));
  } catch {
    return false;
  }
}

/** The hosts this site answers as: the Host of the request and the public URL's. */
function ownHosts(req: IncomingMessage): Set<string> {
  const hosts = new Set<string>();
  if (req.headers.host) hosts.add(req.headers.host.toLowerCase());
  const publicUrl = process.env.NEXTAUTH_URL;
  if (publicUrl) hosts.add(new URL(publicUrl).host.toLowerCase());
  return hosts;
}

/**
 * Whether a browser sent this request from another site. Browsers send Origin with every
 * cross-origin request and with same-origin POSTs, and Sec-Fetch-Site with every request;
 * a script or a test client sends neither, and is not a browser carrying a victim's cookie.
 */
export function crossSite(req: IncomingMessage): boolean {
  if (req.headers["sec-fetch-site"] === "cross-site") return true;
  const origin = req.headers.origin;
  if (!origin) return false;
  try {
    return !ownHosts(req).has(new URL(origin).host.toLowerCase());
  } catch {
    return true; // "null" (a sandboxed frame, a file), or no URL at all
  }
}

/** The cookies of a request carry a session (next-auth's, over http or https). */
const carriesSession = (req: IncomingMessage) => /(?:^|;\s*)(?:__Secure-)?next-auth\.session-token/.test(req.headers.cookie ?? "");

/** Why the request is refused before anything reads it, or null to serve it. */
export function refusal(req: IncomingMessage): Refusal | null {
  if (!pathDecodes(req.url ?? "/")) {
    return { status: 400, error: "This address is not valid: part of it does not decode to text." };
  }
  const declared = req.headers["content-length"];
  if (declared !== undefined && Number(declared) > MAX_BODY_BYTES) {
    return { status: 413, error: `The request body must be at most ${MAX_BODY_BYTES / 1024} KB.` };
  }
  const method = req.method ?? "GET";
  if (unsafeMethods.has(method) && declared === undefined && req.headers["transfer-encoding"] !== undefined) {
    // A body of unknown length could only be refused after reading it: say how long it is.
    return { status: 411, error: "Send the request body with a Content-Length header." };
  }
  // A state change with the session cookie from another site is cross-site request forgery: the
  // cookie's SameSite=Lax would stop most of it, but not a top-level form POST in every browser.
  // Requests with an API token are not affected (a token is never sent by the browser on its own).
  if (unsafeMethods.has(method) && !req.headers.authorization && carriesSession(req) && crossSite(req)) {
    return { status: 403, error: "This request came from another site: changes are accepted only from Concord's own pages." };
  }
  return null;
}

/** Answers a refusal: JSON for the API, a line of text for a page. */
export function refuse(req: IncomingMessage, res: ServerResponse, { status, error, headers }: Refusal) {
  const api = (req.url ?? "").startsWith("/api/");
  res.writeHead(status, {
    "content-type": api ? "application/json" : "text/plain; charset=utf-8",
    "cache-control": "no-store",
    connection: "close",
    ...headers,
  });
  res.end(api ? JSON.stringify({ error }) : `${error}\n`);
  // The body (if any) is not read: the connection closes after the answer.
  req.resume();
}

/**
 * Headers for every response. Pages get their Content-Security-Policy, with a fresh nonce for
 * Next's scripts, from proxy.ts; API responses, which are never rendered, get one that allows
 * nothing.
 */
export function setSecurityHeaders(req: IncomingMessage, res: ServerResponse) {
  res.setHeader("x-content-type-options", "nosniff");
  res.setHeader("referrer-policy", "strict-origin-when-cross-origin");
  res.setHeader("x-frame-options", "DENY");
  res.setHeader("permissions-policy", "camera=(), microphone=(), geolocation=()");
  if ((process.env.NEXTAUTH_URL ?? "").startsWith("https://")) {
    res.setHeader("strict-transport-security", "max-age=31536000; includeSubDomains");
  }
  if ((req.url ?? "").startsWith("/api/")) {
    res.setHeader("content-security-policy", "default-src 'none'; frame-ancestors 'none'");
  }
}
