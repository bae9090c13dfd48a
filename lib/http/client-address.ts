import "server-only";
// The address a request came from, for the sign-in and registration throttles. server.ts knows
// it (the socket's remote address, or with TRUST_PROXY the address the proxy in front saw) and
// hands it to route handlers in an internal header that it overwrites on every request, so a
// client cannot name an address of its choosing. X-Forwarded-For is believed only when
// TRUST_PROXY says how many proxies of this deployment stand in front: any client can send one.
import { isIP } from "node:net";
import type { IncomingMessage } from "node:http";
import { z } from "zod";

export const CLIENT_ADDRESS_HEADER = "x-concord-client";

const settingsSchema = z.object({
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|\d{1,2})$/, "must be true, false or the number of proxies in front (true = 1)")
    .transform((v) => (v === "true" ? 1 : v === "false" ? 0 : Number(v)))
    .default(0),
});

/** TRUST_PROXY as a number of proxies; start-up (lib/server/env.ts) calls this to refuse bad values early. */
export function trustedProxies(source: Record<string, string | undefined> = process.env): number {
  return settingsSchema.parse({ TRUST_PROXY: source.TRUST_PROXY || undefined }).TRUST_PROXY;
}

/**
 * IPv4-mapped IPv6 as plain IPv4; other IPv6 addresses as their /64 network, which one
 * subscriber gets whole, so that stepping through it does not buy fresh attempts.
 */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (isIP(address) !== 6) return address;
  const [head, tail = ""] = address.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = address.includes("::") && tail ? tail.split(":") : [];
  const groups = [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right];
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, "")).join(":")}::/64`;
}

/** The client's address for a request that reached server.ts. */
export function clientAddressOf(req: IncomingMessage): string {
  const socketAddress = req.socket.remoteAddress ?? "unknown";
  const hops = trustedProxies();
  if (hops === 0) return addressKey(socketAddress);
  const forwarded = [req.headers["x-forwarded-for"] ?? []]
    .flat()
    .flatMap((h) => h.split(","))
    .map((a) => a.trim())
    .filter(Boolean);
  // Each proxy appends the address it received the request from: the client is the entry the
  // outermost proxy of ours wrote, `hops` from the end. Entries before it are the client's to forge.
  const entry = forwarded[forwarded.length - hops] ?? forwarded[0];
  return addressKey(entry && isIP(entry) ? entry : socketAddress);
}

/** server.ts: replaces whatever the client sent in the internal header with what it knows. */
export function markClientAddress(req: IncomingMessage) {
  req.headers[CLIENT_ADDRESS_HEADER] = clientAddressOf(req);
}

/** A route handler's view of it; "unknown" when the request did not come through server.ts. */
export function clientAddress(headers: Headers): string {
  return headers.get(CLIENT_ADDRESS_HEADER) ?? "unknown";
}
