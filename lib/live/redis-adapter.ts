import "server-only";
// Several instances share their Socket.IO rooms through Redis pub/sub (@socket.io/redis-adapter),
// so an event published on one instance reaches the clients of every instance.
//
// Why pub/sub and not the Redis Streams adapter: the Streams adapter's selling point is
// connection-state recovery, which Concord does not use. A client that missed events learns it
// from the forum's sequence number (a gap, the seq in the join answer, or the periodic seq
// beacon of lib/socket-server.ts) and re-reads, which is correct on any adapter; and pub/sub
// keeps nothing in Redis, so an outage loses no state that would need replaying.
//
// When Redis goes away, each instance keeps serving its own clients (broadcasts reach local
// sockets first) and logs the outage once; the clients reconnect on their own and the instance
// logs the recovery. Clients of other instances catch up through the seq beacon.
import { createAdapter } from "@socket.io/redis-adapter";
import { createClient } from "redis";

const CONNECT_TIMEOUT_MS = 10_000;

export type RedisLink = {
  adapter: ReturnType<typeof createAdapter>;
  close(): void;
};

function describe(url: string) {
  const u = new URL(url);
  return `${u.protocol}//${u.host}`;
}

export async function connectRedisAdapter(url: string): Promise<RedisLink> {
  const where = describe(url);
  // Without the offline queue, a publish during an outage fails at once instead of piling up
  // in memory and flooding every instance with stale events when Redis returns.
  const pub = createClient({
    url,
    disableOfflineQueue: true,
    socket: { reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2_000) },
  });
  const sub = pub.duplicate();

  // Until the first connection succeeds, failures are the start-up's to report.
  let started = false;
  let down = false;
  const lost = (error: Error) => {
    if (!started || down) return;
    down = true;
    console.error(`Redis at ${where} is unreachable (${error.message}): serving this instance's clients only until it returns.`);
  };
  const back = () => {
    if (!started || !down || !pub.isReady || !sub.isReady) return;
    down = false;
    console.log(`Redis at ${where} is back: events reach every instance again.`);
  };
  for (const client of [pub, sub]) {
    client.on("error", lost);
    client.on("ready", back);
  }

  // The adapter publishes without awaiting or catching; during an outage that would be an
  // unhandled rejection, which ends the process. Losing the message is the intended outcome.
  const publish = pub.publish.bind(pub);
  Object.defineProperty(pub, "publish", {
    value: (channel: string, message: string | Buffer) =>
      publish(channel, message).catch((error: Error) => {
        lost(error);
        return 0;
      }),
  });

  const connected = Promise.all([pub.connect(), sub.connect()]);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Could not connect to Redis at ${where} within ${CONNECT_TIMEOUT_MS / 1000} s.`)), CONNECT_TIMEOUT_MS);
  });
  try {
    await Promise.race([connected, timeout]);
  } catch (error) {
    pub.destroy();
    sub.destroy();
    throw error;
  } finally {
    clearTimeout(timer);
  }
  started = true;

  return {
    // A cross-instance request (fetchSockets) waits this long for the other instances.
    adapter: createAdapter(pub, sub, { requestsTimeout: 3_000 }),
    close() {
      pub.destroy();
      sub.destroy();
    },
  };
}
