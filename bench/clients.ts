// The load: real socket.io-client connections (one engine.io connection each, websocket
// transport) that join a forum's room and time every event they get, and the bookkeeping that
// matches each event to the HTTP write that caused it.
//
// Every write carries a nonce (in a position's rationale, a comment's text, or the floor's
// payload); `Tracker.expect` notes when its request was sent and how many sockets should see it,
// and each socket's arrival adds one sample to the phase's histogram.
import { performance } from "node:perf_hooks";
import { io, type Socket } from "socket.io-client";
import { Histogram } from "./stats";

export interface SocketSpec {
  url: string;
  /** Index of the forum (or floor room) this socket joins. */
  group: number;
  /** Concord: the forum id; floor: the room name. */
  room: string;
  cookie?: string;
}

interface Pending {
  sent: number;
  expected: number;
  got: number;
  hist: Histogram;
  phase: PhaseCounters;
}

export interface PhaseCounters {
  sent: number;
  ok: number;
  failed: number;
  /** Deliveries that were expected but had not arrived when the phase was closed. */
  lost: number;
  delivered: number;
  errors: Map<string, number>;
}

export const newCounters = (): PhaseCounters => ({ sent: 0, ok: 0, failed: 0, lost: 0, delivered: 0, errors: new Map() });

const NONCE = /\bn:(\d+)/;

/**
 * The last tally a socket saw for a measure, by the event's seq. The event's own object is kept:
 * it is turned into a key only when checked, so that a socket's handler stays as light as a
 * browser tab's (the load generator handles every socket's events, one after another).
 */
interface Seen {
  seq: number;
  tally: Parameters<typeof tallyKey>[0];
}

export class Tracker {
  private pending = new Map<number, Pending>();
  private nextNonce = 1;
  /** Sockets per group that are connected and joined. */
  readonly joined: number[] = [];
  gaps = 0;
  disconnects = 0;
  unmatched = 0;

  nonce() {
    return this.nextNonce++;
  }

  expect(nonce: number, group: number, hist: Histogram, phase: PhaseCounters, sent = performance.now()) {
    this.pending.set(nonce, { sent, expected: this.joined[group] ?? 0, got: 0, hist, phase });
  }

  /** The write failed: no event will come. */
  cancel(nonce: number) {
    this.pending.delete(nonce);
  }

  deliver(nonce: number, at: number) {
    const p = this.pending.get(nonce);
    if (!p) {
      this.unmatched++;
      return;
    }
    p.hist.add(at - p.sent);
    p.got++;
    p.phase.delivered++;
    if (p.got >= p.expected) this.pending.delete(nonce);
  }

  get outstanding() {
    return this.pending.size;
  }

  /** Waits until every expected delivery has arrived, or `ms` has passed; counts the rest as lost. */
  async drain(ms: number) {
    const deadline = performance.now() + ms;
    while (this.pending.size > 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    for (const p of this.pending.values()) p.phase.lost += p.expected - p.got;
    const left = this.pending.size;
    this.pending.clear();
    return left;
  }
}

export function tallyKey(t: { total: Record<string, number>; byCamp: Record<string, Record<string, number>> }) {
  const c = (x: Record<string, number> | undefined) => `${x?.support ?? 0}/${x?.oppose ?? 0}/${x?.abstain ?? 0}`;
  return `${c(t.total)} IF ${c(t.byCamp.internet_freedom)} CS ${c(t.byCamp.cyber_sovereignty)} NA ${c(t.byCamp.non_aligned)}`;
}

// The fields of lib/events.ts's ForumEvent that the harness reads.
type ConcordEvent = {
  type: string;
  seq: number;
  // positions:changed: the positions from firstSeq to seq, and each measure's tally after them.
  firstSeq?: number;
  changes?: { measureId: string; tally: Parameters<typeof tallyKey>[0]; positions: { rationale?: string }[] }[];
  comment?: { html?: string };
};

export class Fleet {
  readonly sockets: Socket[] = [];
  readonly specs: SocketSpec[] = [];
  /** Per socket: measureId → the last tally seen (Concord only). */
  readonly seen: Map<string, Seen>[] = [];
  /** When false, sockets do not keep the last tally per measure (saves memory at 10,000). */
  keepTallies = true;

  constructor(
    readonly kind: "concord" | "floor",
    readonly tracker: Tracker,
  ) {}

  get size() {
    return this.sockets.length;
  }

  private connectOne(spec: SocketSpec): Promise<void> {
    const index = this.sockets.length;
    const socket = io(spec.url, {
      transports: ["websocket"],
      forceNew: true,
      reconnection: false,
      timeout: 60_000,
      ...(spec.cookie ? { extraHeaders: { cookie: spec.cookie } } : {}),
    });
    this.sockets.push(socket);
    this.specs.push(spec);
    const seen = new Map<string, Seen>();
    this.seen.push(seen);
    const tracker = this.tracker;
    let lastSeq = 0;

    if (this.kind === "concord") {
      socket.on("forum:event", (e: ConcordEvent) => {
        const at = performance.now();
        const first = e.firstSeq ?? e.seq;
        if (lastSeq > 0 && first > lastSeq + 1) tracker.gaps += first - lastSeq - 1;
        if (e.seq > lastSeq) lastSeq = e.seq;
        let texts: (string | undefined)[];
        if (e.type === "positions:changed") {
          texts = (e.changes ?? []).flatMap((c) => c.positions.map((p) => p.rationale));
          for (const change of this.keepTallies ? (e.changes ?? []) : []) {
            const prev = seen.get(change.measureId);
            if (!prev || prev.seq < e.seq) seen.set(change.measureId, { seq: e.seq, tally: change.tally });
          }
        } else if (e.type === "comment:added") {
          texts = [e.comment?.html];
        } else {
          return;
        }
        for (const text of texts) {
          const m = text ? NONCE.exec(text) : null;
          if (m) tracker.deliver(Number(m[1]), at);
        }
      });
    } else {
      socket.on("floor:event", (e: { nonce: string }) => {
        const at = performance.now();
        const m = NONCE.exec(e.nonce);
        if (m) tracker.deliver(Number(m[1]), at);
      });
    }

    return new Promise<void>((resolve, reject) => {
      const fail = (why: string) => reject(new Error(`socket ${index} (${spec.url}, room ${spec.room}): ${why}`));
      socket.once("connect_error", (err) => fail(`connect_error ${err.message}`));
      socket.once("connect", () => {
        const join = this.kind === "concord" ? "forum:join" : "join";
        const payload = this.kind === "concord" ? { forumId: spec.room } : { room: spec.room };
        socket.timeout(60_000).emit(join, payload, (err: Error | null, ack: { ok: boolean; seq?: number; error?: string }) => {
          if (err) return fail(`no answer to ${join}`);
          if (!ack?.ok) return fail(`${join} refused: ${ack?.error}`);
          lastSeq = ack.seq ?? 0;
          tracker.joined[spec.group] = (tracker.joined[spec.group] ?? 0) + 1;
          socket.once("disconnect", () => {
            tracker.disconnects++;
            tracker.joined[spec.group]! -= 1;
          });
          resolve();
        });
      });
    });
  }

  /** Connects the sockets, `concurrency` handshakes at a time. */
  async connect(specs: SocketSpec[], concurrency = 100, onProgress?: (done: number) => void) {
    let next = 0;
    let done = 0;
    const worker = async () => {
      while (next < specs.length) {
        const spec = specs[next++]!;
        await this.connectOne(spec);
        done++;
        if (onProgress && done % 1000 === 0) onProgress(done);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, specs.length) }, worker));
  }

  /** Disconnects the last `count` sockets (all by default). */
  async disconnect(count = this.sockets.length) {
    const gone = this.sockets.splice(this.sockets.length - count, count);
    const goneSpecs = this.specs.splice(this.specs.length - count, count);
    this.seen.splice(this.seen.length - count, count);
    for (let i = 0; i < gone.length; i++) {
      const s = gone[i]!;
      if (s.connected) {
        s.removeAllListeners("disconnect");
        this.tracker.joined[goneSpecs[i]!.group]! -= 1;
      }
      s.removeAllListeners();
      s.disconnect();
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
