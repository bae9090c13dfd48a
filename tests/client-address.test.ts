// The client address the throttles count by (lib/http/client-address.ts): the connection's,
// or behind TRUST_PROXY proxies the one in X-Forwarded-For that the outermost of them wrote.
import type { IncomingMessage } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { addressKey, clientAddressOf, markClientAddress } from "@/lib/http/client-address";

const request = (remoteAddress: string, headers: Record<string, string | string[]> = {}) =>
  ({ socket: { remoteAddress }, headers }) as unknown as IncomingMessage;

const trustProxy = (value: string | undefined) => {
  if (value === undefined) delete process.env.TRUST_PROXY;
  else process.env.TRUST_PROXY = value;
};
afterEach(() => trustProxy(undefined));

describe("the client address", () => {
  it("is the connection's, and X-Forwarded-For is ignored without TRUST_PROXY", () => {
    expect(clientAddressOf(request("192.0.2.10", { "x-forwarded-for": "203.0.113.5" }))).toBe("192.0.2.10");
  });

  it("behind one trusted proxy is the last X-Forwarded-For entry: earlier ones are the client's to forge", () => {
    trustProxy("true");
    expect(clientAddressOf(request("10.0.0.2", { "x-forwarded-for": "198.51.100.1, 203.0.113.5" }))).toBe("203.0.113.5");
    expect(clientAddressOf(request("10.0.0.2", { "x-forwarded-for": ["198.51.100.1", "203.0.113.6"] }))).toBe("203.0.113.6");
    // No header, or one that is not an address: the connection's.
    expect(clientAddressOf(request("10.0.0.2"))).toBe("10.0.0.2");
    expect(clientAddressOf(request("10.0.0.2", { "x-forwarded-for": "not-an-address" }))).toBe("10.0.0.2");
  });

  it("behind two trusted proxies is the entry the outer one wrote", () => {
    trustProxy("2");
    expect(clientAddressOf(request("10.0.0.3", { "x-forwarded-for": "198.51.100.1, 203.0.113.5, 10.0.0.2" }))).toBe("203.0.113.5");
  });

  it("counts IPv4-mapped IPv6 as IPv4, and other IPv6 by its /64 network", () => {
    expect(addressKey("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(addressKey("2001:db8:aa:bb:1:2:3:4")).toBe("2001:db8:aa:bb::/64");
    expect(addressKey("2001:0db8:00aa:0bb::1")).toBe("2001:db8:aa:bb::/64");
    expect(addressKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressKey("::1")).toBe("0:0:0:0::/64");
  });

  it("replaces whatever a client put in the internal header", () => {
    const req = request("192.0.2.10", { "x-concord-client": "198.51.100.99" });
    markClientAddress(req);
    expect(req.headers["x-concord-client"]).toBe("192.0.2.10");
  });
});
