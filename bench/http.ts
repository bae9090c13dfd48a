// The benchmark's HTTP client: node:http with kept-alive connections (fetch adds a few hundred
// microseconds of its own per request, which would blur the figures), JSON in and out, a
// session cookie per user, and next-auth's credentials sign-in.
import http from "node:http";
import { performance } from "node:perf_hooks";

export interface Reply {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
  /** ms from sending the request to the last byte of the response. */
  ms: number;
}

export class HttpClient {
  readonly agent: http.Agent;

  constructor(
    readonly base: string,
    maxSockets = 64,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  /**
   * One request. A kept-alive connection that the server closes just as a request goes out on it
   * fails with ECONNRESET or "socket hang up"; as Node's documentation advises, such a request
   * is sent once more on a new connection (positions and comments carry a clientId, so a repeat
   * never counts twice). The time is measured from the first attempt.
   */
  request(
    method: string,
    path: string,
    options: { body?: unknown; form?: Record<string, string>; cookie?: string; headers?: Record<string, string> } = {},
  ): Promise<Reply> {
    const started = performance.now();
    return this.attempt(method, path, options, started).catch((error: Error & { reusedSocket?: boolean; code?: string }) => {
      if (error.reusedSocket && (error.code === "ECONNRESET" || error.message === "socket hang up")) {
        return this.attempt(method, path, options, started);
      }
      throw error;
    });
  }

  private attempt(
    method: string,
    path: string,
    options: { body?: unknown; form?: Record<string, string>; cookie?: string; headers?: Record<string, string> },
    started: number,
  ): Promise<Reply> {
    const url = new URL(path, this.base);
    const headers: Record<string, string> = { ...options.headers };
    let payload: string | undefined;
    if (options.form) {
      payload = new URLSearchParams(options.form).toString();
      headers["content-type"] = "application/x-www-form-urlencoded";
    } else if (options.body !== undefined) {
      payload = JSON.stringify(options.body);
      headers["content-type"] = "application/json";
    }
    if (payload !== undefined) headers["content-length"] = String(Buffer.byteLength(payload));
    if (options.cookie) headers.cookie = options.cookie;
    return new Promise((resolve, reject) => {
      const req = http.request(
        { host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers, agent: this.agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () =>
            resolve({
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks).toString("utf8"),
              headers: res.headers,
              ms: performance.now() - started,
            }),
          );
          res.on("error", reject);
        },
      );
      req.setTimeout(60_000, () => req.destroy(new Error(`${method} ${path} timed out after 60 s`)));
      req.on("error", (error: Error & { reusedSocket?: boolean }) => {
        error.reusedSocket = req.reusedSocket;
        reject(error);
      });
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  async json<T>(method: string, path: string, options: Parameters<HttpClient["request"]>[2] = {}): Promise<T> {
    const reply = await this.request(method, path, options);
    if (reply.status < 200 || reply.status >= 300) {
      throw new Error(`${method} ${path} answered ${reply.status}: ${reply.body.slice(0, 300)}`);
    }
    return (reply.body ? JSON.parse(reply.body) : null) as T;
  }

  close() {
    this.agent.destroy();
  }
}

function cookiesFrom(headers: http.IncomingHttpHeaders): Record<string, string> {
  const jar: Record<string, string> = {};
  for (const line of headers["set-cookie"] ?? []) {
    const [pair] = line.split(";");
    const eq = pair!.indexOf("=");
    if (eq > 0) jar[pair!.slice(0, eq).trim()] = pair!.slice(eq + 1).trim();
  }
  return jar;
}

const cookieHeader = (jar: Record<string, string>) =>
  Object.entries(jar)
    .map(([k, v]) => `${k}=${v}`)
    .join("; ");

/**
 * Registers an account (a 409 means it exists already, which is fine) and signs in through
 * next-auth's credentials flow. Returns the cookie header that carries the session.
 */
export async function registerAndSignIn(client: HttpClient, user: { name: string; email: string; password: string }) {
  const reg = await client.request("POST", "/api/register", { body: user });
  if (reg.status !== 201 && reg.status !== 409) throw new Error(`register ${user.email}: ${reg.status} ${reg.body.slice(0, 200)}`);
  const csrf = await client.request("GET", "/api/auth/csrf");
  const jar = cookiesFrom(csrf.headers);
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const signIn = await client.request("POST", "/api/auth/callback/credentials", {
    cookie: cookieHeader(jar),
    form: { csrfToken, email: user.email, password: user.password, json: "true" },
  });
  Object.assign(jar, cookiesFrom(signIn.headers));
  const name = ["next-auth.session-token", "__Secure-next-auth.session-token"].find((n) => jar[n]);
  if (!name) throw new Error(`sign-in of ${user.email} failed: ${signIn.status} ${signIn.body.slice(0, 200)}`);
  return `${name}=${jar[name]}`;
}
