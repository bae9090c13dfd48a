// The live path end to end in one process: a real Socket.IO server (as server.ts attaches it) on
// a real HTTP port, real socket.io-client connections authenticated by a next-auth session
// cookie, and domain writes on PGlite publishing to the forum's room after commit.
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { forgedCookie, sessionCookie } from "./support/sessions";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDatabase, type Database } from "@/db/client";
import type { ForumEvent } from "@/lib/core/events";
import { setIo } from "@/lib/live/realtime";
import { attachSocketServer } from "@/lib/live/socket-server";
import { openTestPglite } from "./support/databases";
import { addMember, newForum, newUser } from "./support/world";
import { takePosition, addCoauthor, proposeMeasure } from "@/tests/support/edge";

const secret = "a-test-secret-that-is-long-enough";
let database: Database;
let server: Server;
let url: string;
const sockets: Socket[] = [];

beforeAll(async () => {
  process.env.NEXTAUTH_SECRET = secret;
  database = await openTestPglite();
  setDatabase(database);
  server = createServer();
  attachSocketServer(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const s of sockets) s.close();
  setIo(undefined);
  await new Promise((resolve) => server.close(resolve));
  await database.close();
});

async function socketAs(userId: string | null) {
  const cookie = userId ? (await sessionCookie(userId)).header : "";
  const socket = connect(url, { transports: ["websocket"], extraHeaders: { cookie }, reconnection: false });
  sockets.push(socket);
  return socket;
}

function connected(socket: Socket) {
  return new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("connect_error", reject);
  });
}

function nextEvent(socket: Socket) {
  return new Promise<ForumEvent>((resolve) => socket.once("forum:event", resolve));
}

describe("the live room", () => {
  it("refuses a connection without a valid session cookie", async () => {
    await expect(connected(await socketAs(null))).rejects.toThrow("unauthenticated");
    const forged = connect(url, {
      transports: ["websocket"],
      extraHeaders: { cookie: await forgedCookie() },
      reconnection: false,
    });
    sockets.push(forged);
    await expect(connected(forged)).rejects.toThrow("unauthenticated");
  });

  it("lets members into a forum's room and keeps others out", async () => {
    const { chair, forum } = await newForum();
    const outsider = await newUser();
    const member = await socketAs(chair.id);
    const stranger = await socketAs(outsider.id);
    await Promise.all([connected(member), connected(stranger)]);

    expect(await member.emitWithAck("forum:join", { forumId: forum.id })).toEqual({ ok: true, seq: 0 });
    expect(await stranger.emitWithAck("forum:join", { forumId: forum.id })).toEqual({ ok: false, error: "Forum was not found." });
    expect(await stranger.emitWithAck("forum:join", { forumId: "not-a-forum" })).toEqual({ ok: false, error: "forumId must be a forum id." });
    expect(await stranger.emitWithAck("forum:join", "garbage")).toMatchObject({ ok: false });
  });

  it("delivers a committed write to the room with the forum's next sequence number", async () => {
    const { chair, forum } = await newForum();
    const delegate = await addMember(forum, { camp: "cyber_sovereignty", delegation: "Meridia" });
    const outsider = await newUser();
    const watcher = await socketAs(chair.id);
    const stranger = await socketAs(outsider.id);
    await Promise.all([connected(watcher), connected(stranger)]);
    const { seq } = await watcher.emitWithAck("forum:join", { forumId: forum.id });
    const seen: ForumEvent[] = [];
    stranger.on("forum:event", (e: ForumEvent) => seen.push(e));

    const proposed = nextEvent(watcher);
    const measure = await proposeMeasure(chair.id, forum.id, { title: "Hotline", kind: "cbm", text: "A hotline." });
    expect(await proposed).toMatchObject({ type: "measure:proposed", seq: seq + 1, measure: { id: measure.id } });

    const changed = nextEvent(watcher);
    await takePosition(delegate.user.id, measure.id, { stance: "support", clientId: randomUUID() });
    const event = await changed;
    expect(event).toMatchObject({ type: "positions:changed", firstSeq: seq + 2, seq: seq + 2 });
    if (event.type !== "positions:changed") throw new Error("unexpected event");
    const [change] = event.changes;
    expect(change).toMatchObject({ measureId: measure.id });
    expect(change!.tally.byCamp.cyber_sovereignty).toEqual({ support: 1, oppose: 0, abstain: 0 });
    expect(change!.positions).toMatchObject([{ delegation: "Meridia", camp: "cyber_sovereignty", stance: "support" }]);
    expect(seen).toEqual([]);
  });

  it("publishes nothing for a refused write or a repeated one", async () => {
    const { chair, forum } = await newForum();
    const observer = await addMember(forum, { camp: "non_aligned", role: "observer" });
    const measure = await proposeMeasure(chair.id, forum.id, { title: "Hotline", kind: "cbm", text: "A hotline." });
    const watcher = await socketAs(chair.id);
    await connected(watcher);
    await watcher.emitWithAck("forum:join", { forumId: forum.id });
    const seen: ForumEvent[] = [];
    watcher.on("forum:event", (e: ForumEvent) => seen.push(e));

    await expect(takePosition(observer.user.id, measure.id, { stance: "support", clientId: randomUUID() })).rejects.toThrow();
    const clientId = randomUUID();
    const first = nextEvent(watcher);
    await takePosition(chair.id, measure.id, { stance: "oppose", clientId });
    await first;
    await takePosition(chair.id, measure.id, { stance: "oppose", clientId });
    // A marker write: once its event arrives, anything published before it has arrived too.
    const marker = nextEvent(watcher);
    await proposeMeasure(chair.id, forum.id, { title: "Marker", kind: "norm", text: "x" });
    await marker;
    expect(seen.map((e) => e.type)).toEqual(["positions:changed", "measure:proposed"]);
  });

  it("announces a new co-author of a measure under discussion, and keeps a draft's to its authors", async () => {
    const { chair, forum } = await newForum();
    const author = await addMember(forum, { camp: "internet_freedom", delegation: "Estlandia" });
    const coauthor = await addMember(forum, { camp: "cyber_sovereignty", delegation: "Meridia" });
    const open = await proposeMeasure(author.user.id, forum.id, { title: "Hotline", kind: "cbm", text: "A hotline." });
    const draft = await proposeMeasure(author.user.id, forum.id, { title: "Draft", kind: "norm", text: "x", draft: true });
    const watcher = await socketAs(chair.id);
    await connected(watcher);
    const { seq } = await watcher.emitWithAck("forum:join", { forumId: forum.id });
    const seen: ForumEvent[] = [];
    watcher.on("forum:event", (e: ForumEvent) => seen.push(e));

    await addCoauthor(author.user.id, draft.id, { memberId: coauthor.member.id });
    const announced = nextEvent(watcher);
    await addCoauthor(author.user.id, open.id, { memberId: coauthor.member.id });
    expect(await announced).toMatchObject({ type: "measure:changed", seq: seq + 1, measure: { id: open.id } });
    expect(seen).toHaveLength(1);
  });
});
