// The benchmark's forums and members, made through Concord's own API as a user would, and the
// writes of the load (positions, comments; the floor's bare events).
//
// Accounts are few (scrypt costs ~50 ms of CPU per registration and per sign-in) and each has
// several sockets: socket i belongs to forum i % F and to user ⌊i / F⌋ % U.
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import type { Send } from "./drive";
import { registerAndSignIn, type HttpClient } from "./http";
import { newCounters, tallyKey, type SocketSpec, type Tracker } from "./clients";
import { Histogram } from "./stats";

export const camps = ["internet_freedom", "cyber_sovereignty", "non_aligned"] as const;
export const groups = ["state", "intergovernmental", "civil_society", "private_sector", "academia", "technical_community"] as const;
export const stances = ["support", "oppose", "abstain"] as const;
type Stance = (typeof stances)[number];

export const PASSWORD = "bench-password-1";

export interface World {
  http: HttpClient[];
  users: { email: string; cookie: string }[];
  forums: { id: string; joinCode: string; measures: string[] }[];
}

/** Runs fn over items, `concurrency` at a time. */
export async function pool<T, R>(items: T[], concurrency: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

/** The camp a user has in every benchmark forum: the chair (user 0) is non-aligned, as createForum makes it. */
export const campOf = (u: number) => (u === 0 ? "non_aligned" : camps[u % 3]!);

export const MEASURE_TEXT = [
  "States should, on a voluntary basis, **designate national points of contact** for cyber incidents of potential",
  "regional or international concern, and keep their contact details current.",
  "",
  "Points of contact should:",
  "",
  "1. acknowledge a request within 24 hours;",
  "2. share, where appropriate, technical information on the incident;",
  "3. hold an annual communication check with their counterparts.",
  "",
  "Nothing in this measure affects the rights and obligations of States under international law.",
].join("\n");

export async function signInUsers(http: HttpClient, count: number, tag: string, concurrency = 4) {
  return pool(Array.from({ length: count }, (_, u) => u), concurrency, async (u) => {
    const email = `bench-${tag}-${u}@bench.concord`;
    const cookie = await registerAndSignIn(http, { name: `Bench user ${u}`, email, password: PASSWORD });
    return { email, cookie };
  });
}

/** User 0 creates `count` forums; every other user joins each of them as a delegate. */
export async function makeForums(http: HttpClient, users: World["users"], count: number, title: string) {
  const chair = users[0]!.cookie;
  const forums = await pool(Array.from({ length: count }, (_, f) => f), 4, (f) =>
    http.json<{ id: string; joinCode: string }>("POST", "/api/forums", { cookie: chair, body: { title: `${title} ${f + 1}` } }),
  );
  const joins = forums.flatMap((forum) => users.slice(1).map((user, i) => ({ forum, user, u: i + 1 })));
  await pool(joins, 16, ({ forum, user, u }) =>
    http.json("POST", "/api/forums/join", {
      cookie: user.cookie,
      body: { code: forum.joinCode, delegation: `Delegation ${u}`, camp: campOf(u), stakeholderGroup: groups[u % 6] },
    }),
  );
  return forums.map((f) => ({ id: f.id, joinCode: f.joinCode, measures: [] as string[] }));
}

export async function proposeMeasures(http: HttpClient, cookie: string, forum: World["forums"][number], count: number, concurrency = 8) {
  const made = await pool(Array.from({ length: count }, (_, m) => m), concurrency, (m) =>
    http.json<{ id: string }>("POST", `/api/forums/${forum.id}/measures`, {
      cookie,
      body: { title: `Measure ${forum.measures.length + m + 1}: points of contact`, kind: m % 2 ? "norm" : "cbm", category: "cooperation_communication", text: MEASURE_TEXT },
    }),
  );
  forum.measures.push(...made.map((m) => m.id));
}

export function concordSocketSpecs(world: World, urls: string[], from: number, to: number): SocketSpec[] {
  const F = world.forums.length;
  const U = world.users.length;
  const specs: SocketSpec[] = [];
  for (let i = from; i < to; i++) {
    const f = i % F;
    const u = Math.floor(i / F) % U;
    specs.push({ url: urls[i % urls.length]!, group: f, room: world.forums[f]!.id, cookie: world.users[u]!.cookie });
  }
  return specs;
}

/**
 * Positions: each forum walks through its (measure, member) pairs, so most writes are new
 * positions and, once every pair has been used, changes of stance. A pair is never written again
 * while its previous request is in flight, so the last stance each pair was sent is the stance
 * the database must hold: the expected tallies follow from `last`.
 */
export class PositionLoad {
  private cursor: number[];
  private nextForum = 0;
  private busy = new Set<number>();
  /** pair key → last stance answered 200 */
  readonly last = new Map<number, Stance>();
  private requests = 0;

  constructor(
    private world: World,
    readonly tracker: Tracker,
    /** Only the first `measureLimit` measures of each forum take part. */
    private measureLimit = Infinity,
  ) {
    this.cursor = world.forums.map(() => 0);
  }

  private get M() {
    return Math.min(this.measureLimit, this.world.forums[0]!.measures.length);
  }

  readonly send: Send = async (nonce, hist, phase, httpHist) => {
    const F = this.world.forums.length;
    const U = this.world.users.length;
    const M = this.M;
    const f = this.nextForum++ % F;
    let p = this.cursor[f]!;
    let key = f * M * U + (p % (M * U));
    for (let tries = 0; this.busy.has(key) && tries < M * U; tries++) key = f * M * U + (++p % (M * U));
    this.cursor[f] = p + 1;
    this.busy.add(key);
    const inForum = key - f * M * U;
    const m = inForum % M;
    const u = Math.floor(inForum / M);
    const round = Math.floor(p / (M * U));
    const stance = stances[(round + u) % 3]!;
    const forum = this.world.forums[f]!;
    const http = this.world.http[this.requests++ % this.world.http.length]!;
    const t0 = performance.now();
    this.tracker.expect(nonce, f, hist, phase, t0);
    try {
      const reply = await http.request("PUT", `/api/measures/${forum.measures[m]}/position`, {
        cookie: this.world.users[u]!.cookie,
        body: { stance, rationale: `n:${nonce}`, clientId: randomUUID() },
      });
      httpHist.add(reply.ms);
      if (reply.status !== 200) throw new Error(`PUT position ${reply.status}: ${reply.body.slice(0, 100)}`);
      this.last.set(key, stance);
      phase.ok++;
    } catch (error) {
      this.tracker.cancel(nonce);
      throw error;
    } finally {
      this.busy.delete(key);
    }
  };

  /**
   * Every member changes their position on one measure of each forum at the same moment: the
   * concurrent writers on one measure are where a tally read outside the forum's lock goes stale.
   */
  async burst(measureIndex = 0) {
    const F = this.world.forums.length;
    const U = this.world.users.length;
    const M = this.M;
    const hist = new Histogram();
    const phase = newCounters();
    const sends: Promise<void>[] = [];
    for (let f = 0; f < F; f++) {
      for (let u = 0; u < U; u++) {
        const key = f * M * U + u * M + measureIndex;
        if (this.busy.has(key)) continue;
        this.busy.add(key);
        const stance = stances[(stances.indexOf(this.last.get(key) ?? "abstain") + 1) % 3]!;
        const nonce = this.tracker.nonce();
        this.tracker.expect(nonce, f, hist, phase);
        const http = this.world.http[u % this.world.http.length]!;
        sends.push(
          http
            .request("PUT", `/api/measures/${this.world.forums[f]!.measures[measureIndex]}/position`, {
              cookie: this.world.users[u]!.cookie,
              body: { stance, rationale: `n:${nonce}`, clientId: randomUUID() },
            })
            .then((reply) => {
              if (reply.status === 200) this.last.set(key, stance);
              else {
                this.tracker.cancel(nonce);
                phase.failed++;
              }
            })
            .finally(() => this.busy.delete(key)),
        );
      }
    }
    await Promise.all(sends);
    await this.tracker.drain(10_000);
    return { sent: sends.length, failed: phase.failed, lost: phase.lost };
  }

  /** measureId → the tally the database and every client must show, as tallyKey() writes it. */
  expected(): Map<string, string> {
    const F = this.world.forums.length;
    const U = this.world.users.length;
    const M = this.M;
    type C = Record<Stance, number>;
    const zero = (): C => ({ support: 0, oppose: 0, abstain: 0 });
    const acc = new Map<string, { total: C; byCamp: Record<string, C> }>();
    for (const [key, stance] of this.last) {
      const f = Math.floor(key / (M * U));
      const inForum = key - f * M * U;
      const measureId = this.world.forums[f]!.measures[inForum % M]!;
      const u = Math.floor(inForum / M);
      let t = acc.get(measureId);
      if (!t) acc.set(measureId, (t = { total: zero(), byCamp: { internet_freedom: zero(), cyber_sovereignty: zero(), non_aligned: zero() } }));
      t.total[stance]++;
      t.byCamp[campOf(u)]![stance]++;
    }
    void F;
    return new Map([...acc].map(([id, t]) => [id, tallyKey(t)]));
  }
}

export const COMMENT_TEXT =
  "We can support this in principle. The text should say *who* designates the point of contact and " +
  "that requests are answered in a working language of the requesting State.";

/** Comments, spread over the forums, measures and members. */
export function commentSender(world: World, tracker: Tracker): Send {
  let i = 0;
  return async (nonce, hist, phase, httpHist) => {
    const F = world.forums.length;
    const k = i++;
    const f = k % F;
    const forum = world.forums[f]!;
    const m = Math.floor(k / F) % forum.measures.length;
    const u = Math.floor(k / F) % world.users.length;
    const http = world.http[k % world.http.length]!;
    const t0 = performance.now();
    tracker.expect(nonce, f, hist, phase, t0);
    try {
      const reply = await http.request("POST", `/api/measures/${forum.measures[m]}/comments`, {
        cookie: world.users[u]!.cookie,
        body: { body: `n:${nonce} ${COMMENT_TEXT}`, clientId: randomUUID() },
      });
      httpHist.add(reply.ms);
      if (reply.status !== 201) throw new Error(`POST comment ${reply.status}: ${reply.body.slice(0, 100)}`);
      phase.ok++;
    } catch (error) {
      tracker.cancel(nonce);
      throw error;
    }
  };
}

/** A payload of the size and shape of Concord's position event, for the floor to store and broadcast. */
export function floorPayload() {
  const counts = () => ({ support: 12, oppose: 3, abstain: 1 });
  return {
    measureId: randomUUID(),
    tally: {
      total: counts(),
      byCamp: Object.fromEntries(camps.map((c) => [c, counts()])),
      byGroup: Object.fromEntries(groups.map((g) => [g, counts()])),
    },
    position: {
      memberId: randomUUID(),
      stance: "support",
      camp: "internet_freedom",
      stakeholderGroup: "state",
      updatedAt: new Date().toISOString(),
      delegation: "Delegation 12",
    },
  };
}

export function floorSender(http: HttpClient[], rooms: number, tracker: Tracker): Send {
  let i = 0;
  const payload = floorPayload();
  return async (nonce, hist, phase, httpHist) => {
    const k = i++;
    const f = k % rooms;
    const t0 = performance.now();
    tracker.expect(nonce, f, hist, phase, t0);
    try {
      const reply = await http[k % http.length]!.request("POST", "/event", { body: { room: `room-${f}`, nonce: `n:${nonce}`, payload } });
      httpHist.add(reply.ms);
      if (reply.status !== 200) throw new Error(`POST /event ${reply.status}: ${reply.body.slice(0, 100)}`);
      phase.ok++;
    } catch (error) {
      tracker.cancel(nonce);
      throw error;
    }
  };
}
