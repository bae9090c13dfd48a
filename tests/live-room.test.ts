// The live room over real sockets: presence, leaving the room on removal, signing out, the seq
// beacon and the validation of what clients send.
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { authOptions } from "@/lib/http/next-auth";
import type { ForumEvent } from "@/lib/core/events";
import { removeMember } from "@/lib/forum/members";
import { getPresence, PRESENCE_LIST_LIMIT } from "@/lib/live/presence";
import { bumpSeq } from "@/lib/live/sequence";
import { settledSeqs, startSeqBeacon } from "@/lib/live/socket-server";
import { endSessionsOf } from "@/lib/auth/sessions";
import { disconnectSessions } from "@/lib/live/realtime";
import { openTestPglite } from "./support/databases";
import { sessionCookie } from "./support/sessions";
import { collect, eventWhere, eventually, joinRoom, presenceWhere, withLiveServer } from "./support/live-server";
import { addMember, newForum, newUser } from "./support/world";
import { createForum, updateProfile, proposeMeasure } from "@/tests/support/edge";

const live = withLiveServer(openTestPglite);

describe("presence", () => {
  it("counts who is in the room by camp and group, a person with several tabs once", async () => {
    const { chair, forum } = await newForum();
    const a = await addMember(forum, { camp: "internet_freedom", group: "civil_society" });
    const b = await addMember(forum, { camp: "cyber_sovereignty", group: "state" });
    await addMember(forum, { camp: "cyber_sovereignty", group: "state" }); // a member who is not here

    const chairTab = await live.socketAs(chair.id);
    const full = presenceWhere(chairTab, (p) => p.total === 3);
    await joinRoom(chairTab, forum.id);
    const aTabs = [await live.socketAs(a.user.id), await live.socketAs(a.user.id), await live.socketAs(a.user.id)];
    for (const tab of aTabs) await joinRoom(tab, forum.id);
    const bTab = await live.socketAs(b.user.id);
    await joinRoom(bTab, forum.id);

    const presence = await full;
    expect(presence.forumId).toBe(forum.id);
    expect(presence.memberIds).toHaveLength(3);
    expect(presence.memberIds).toEqual(expect.arrayContaining([a.member.id, b.member.id]));
    expect(presence.byCamp).toEqual({ internet_freedom: 1, cyber_sovereignty: 1, non_aligned: 1 });
    expect(presence.byGroup).toMatchObject({ civil_society: 1, state: 1, intergovernmental: 1, academia: 0 });

    // Closing two of three tabs changes nothing; leaving and disconnecting do.
    aTabs[0]!.close();
    aTabs[1]!.emit("forum:leave", { forumId: forum.id });
    const afterB = presenceWhere(chairTab, (p) => p.total === 2);
    bTab.close();
    expect((await afterB).byCamp).toEqual({ internet_freedom: 1, cyber_sovereignty: 0, non_aligned: 1 });
    const alone = presenceWhere(chairTab, (p) => p.total === 1);
    aTabs[2]!.close();
    expect((await alone).byCamp.non_aligned).toBe(1);
  });

  it("follows a member who changes camp", async () => {
    const { chair, forum } = await newForum();
    const a = await addMember(forum, { camp: "internet_freedom" });
    const chairTab = await live.socketAs(chair.id);
    await joinRoom(chairTab, forum.id);
    const aTab = await live.socketAs(a.user.id);
    const both = presenceWhere(chairTab, (p) => p.total === 2);
    await joinRoom(aTab, forum.id);
    expect((await both).byCamp.internet_freedom).toBe(1);

    const moved = presenceWhere(chairTab, (p) => p.byCamp.non_aligned === 2);
    await updateProfile(a.user.id, forum.id, { camp: "non_aligned", stakeholderGroup: "state", delegation: "Moved" });
    expect((await moved).byCamp.internet_freedom).toBe(0);
  });

  it("counts a room too big to list without listing it", async () => {
    const { chair, forum } = await newForum();
    const crowd = await Promise.all(Array.from({ length: PRESENCE_LIST_LIMIT }, () => addMember(forum, { camp: "non_aligned", group: "academia" })));
    const chairTab = await live.socketAs(chair.id);
    const counted = presenceWhere(chairTab, (p) => p.total === PRESENCE_LIST_LIMIT + 1);
    await joinRoom(chairTab, forum.id);
    for (const { user } of crowd) await joinRoom(await live.socketAs(user.id), forum.id);
    const presence = await counted;
    expect(presence).toMatchObject({ listed: false, memberIds: [] });
    expect(presence.byGroup.academia).toBe(PRESENCE_LIST_LIMIT);
  });

  it("is answered over the API to members only", async () => {
    const { chair, forum } = await newForum();
    const outsider = await newUser();
    await expect(getPresence(outsider.id, forum.id, live.io)).rejects.toThrow("Forum was not found.");
    expect((await getPresence(chair.id, forum.id, live.io)).total).toBe(0);
  });
});

describe("leaving the room", () => {
  it("takes a removed member's sockets out of the room at once, after telling them", async () => {
    const { chair, forum } = await newForum();
    const a = await addMember(forum, { camp: "internet_freedom" });
    const chairTab = await live.socketAs(chair.id);
    await joinRoom(chairTab, forum.id);
    const tabs = [await live.socketAs(a.user.id), await live.socketAs(a.user.id)];
    for (const tab of tabs) await joinRoom(tab, forum.id);
    const seen = tabs.map(collect);
    const gone = presenceWhere(chairTab, (p) => p.total === 1);

    await removeMember(chair.id, forum.id, a.member.id);
    await eventually(() => seen.every((s) => s.some((e) => e.type === "member:removed")));
    expect((await gone).memberIds).not.toContain(a.member.id);

    // A later write reaches the chair (the marker) and nobody else.
    const marker = eventWhere(chairTab, (e) => e.type === "measure:proposed");
    await proposeMeasure(chair.id, forum.id, { title: "After the removal", kind: "norm", text: "x" });
    await marker;
    for (const s of seen) expect(s.map((e) => e.type)).toEqual(["member:removed"]);
    // And they cannot come back in.
    expect(await tabs[0]!.emitWithAck("forum:join", { forumId: forum.id })).toEqual({ ok: false, error: "Forum was not found." });
  });
});

describe("ending sessions", () => {
  it("signing out disconnects the sockets of that session, and only those", async () => {
    const { chair, forum } = await newForum();
    const a = await addMember(forum, { camp: "internet_freedom" });
    const laptop = await sessionCookie(a.user.id);
    const tabs = [await live.socketAs(a.user.id, laptop.header), await live.socketAs(a.user.id, laptop.header)];
    await joinRoom(tabs[0]!, forum.id);
    const phone = await live.socketAs(a.user.id);
    const chairTab = await live.socketAs(chair.id);
    await joinRoom(chairTab, forum.id);
    const reasons = tabs.map((t) => new Promise<string>((resolve) => t.once("disconnect", resolve)));

    await authOptions.events!.signOut!({ token: { sub: a.user.id, sid: laptop.sessionId }, session: undefined as never });
    expect(await Promise.all(reasons)).toEqual(["io server disconnect", "io server disconnect"]);
    expect(phone.connected).toBe(true);
    expect(chairTab.connected).toBe(true);
    // The signed-out cookie cannot open a connection again.
    await expect(live.socketAs(a.user.id, laptop.header)).rejects.toThrow("unauthenticated");
  });

  it("signing out everywhere disconnects every socket of the user, on every session", async () => {
    const { chair } = await newForum();
    const other = await newUser();
    const sockets = [await live.socketAs(chair.id), await live.socketAs(chair.id)];
    const bystander = await live.socketAs(other.id);
    const reasons = sockets.map((t) => new Promise<string>((resolve) => t.once("disconnect", resolve)));

    disconnectSessions(await endSessionsOf(chair.id));
    expect(await Promise.all(reasons)).toEqual(["io server disconnect", "io server disconnect"]);
    expect(bystander.connected).toBe(true);
  });
});

describe("the seq beacon", () => {
  it("tells each room its forum's current seq", async () => {
    const { chair, forum } = await newForum();
    const tab = await live.socketAs(chair.id);
    const joinedAt = await joinRoom(tab, forum.id);
    // A write whose event this socket never received (lost with a Redis outage, say).
    await getDb().transaction((tx) => bumpSeq(tx, forum.id));
    const beacon = new Promise<{ forumId: string; seq: number }>((resolve) =>
      tab.on("forum:seq", (b) => b.forumId === forum.id && resolve(b)),
    );
    const stop = startSeqBeacon(live.io, 50);
    try {
      expect(await beacon).toEqual({ forumId: forum.id, seq: joinedAt + 1 });
    } finally {
      stop();
    }
  });

  it("tells a seq only once it has stood still for a whole interval, so no event is still on its way", () => {
    const told = (id: string) => ({ quiet: 4, moving: 4, heard: 9 })[id] ?? 0;
    const previous = new Map([["quiet", 7], ["moving", 7], ["heard", 9]]);
    const read = new Map([["quiet", 7], ["moving", 8], ["heard", 9], ["new", 3]]);
    // "moving" moved since the last tick, "heard" was told already, "new" was not read before.
    expect(settledSeqs(previous, read, told)).toEqual([["quiet", 7]]);
  });

  it("tells a room only a seq it has not heard, once, every socket of it", async () => {
    const { chair, forum: heard } = await newForum();
    const missed = await createForum(chair.id, { title: "Another forum", description: "" });
    // More sockets than one slice of the beacon (lib/socket-server.ts tells 100 at a time).
    const tabs = await Promise.all(Array.from({ length: 105 }, () => live.socketAs(chair.id)));
    for (const tab of tabs) {
      await joinRoom(tab, heard.id);
      await joinRoom(tab, missed.id);
    }
    const beacons = tabs.map((tab) => {
      const got: { forumId: string; seq: number }[] = [];
      tab.on("forum:seq", (b) => got.push(b));
      return got;
    });
    // The room heard the latest write of one forum; the other's latest event never came.
    const proposal = eventWhere(tabs[0]!, (e) => e.forumId === heard.id && e.type === "measure:proposed");
    await proposeMeasure(chair.id, heard.id, { title: "Heard", kind: "norm", text: "x" });
    await proposal;
    const missedSeq = await getDb().transaction((tx) => bumpSeq(tx, missed.id));

    const stop = startSeqBeacon(live.io, 20);
    let laterSeq = 0;
    try {
      await eventually(() => beacons.every((got) => got.length > 0));
      // Later ticks: the missed forum moves on again, and its next beacon shows they ran.
      laterSeq = await getDb().transaction((tx) => bumpSeq(tx, missed.id));
      await eventually(() => beacons.every((got) => got.length > 1));
    } finally {
      stop();
    }
    // Each seq once, and never a beacon for the forum whose room heard its latest event.
    for (const got of beacons) expect(got).toEqual([{ forumId: missed.id, seq: missedSeq }, { forumId: missed.id, seq: laterSeq }]);
  });
});

describe("what clients send", () => {
  it("is validated: a bad payload is refused, one without an acknowledgement is ignored", async () => {
    const { chair, forum } = await newForum();
    const tab = await live.socketAs(chair.id);
    for (const payload of [null, 42, "x", { forumId: 7 }, { forumId: "../etc" }, { forumId: forum.id.toUpperCase() + "0" }]) {
      expect(await tab.emitWithAck("forum:join", payload)).toEqual({ ok: false, error: "forumId must be a forum id." });
    }
    // Without an acknowledgement the server does nothing: the socket is in no forum's room.
    tab.emit("forum:join", { forumId: forum.id }, undefined as never);
    const events: ForumEvent[] = collect(tab);
    const watcher = await live.socketAs(chair.id);
    await joinRoom(watcher, forum.id);
    const marker = eventWhere(watcher, (e) => e.type === "measure:proposed");
    await proposeMeasure(chair.id, forum.id, { title: "Marker", kind: "norm", text: "x" });
    await marker;
    expect(events).toEqual([]);
    tab.emit("forum:leave", "garbage");
    expect(tab.connected).toBe(true);
  });
});
