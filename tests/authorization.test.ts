// The authorisation matrix: every action against every kind of actor, on a fresh forum each time,
// through the domain functions (where the rules live). Anonymous callers are refused at the HTTP
// layer before any of this runs; e2e/api/api.spec.ts checks that against the real server.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { closeDecision } from "@/lib/measure/decisions";
import { DomainError } from "@/lib/core/errors";
import { getForumPage, regenerateJoinCode } from "@/lib/forum/forums";
import { removeMember } from "@/lib/forum/members";
import { openTestPglite, withDatabase } from "./support/databases";
import { newUser } from "./support/world";
import { auditCsv, listAudit } from "@/lib/audit/read";
import { getMeasurePage } from "@/lib/measure/page";
import { addComment, objectToSilence, openDecision, createForum, joinForum, updateForum, changeRole, updateProfile, takePosition, addCoauthor, changeStatus, proposeMeasure } from "@/tests/support/edge";

type Actor = "outsider" | "observer" | "delegate" | "author" | "coauthor" | "chair";
const actors: Actor[] = ["outsider", "observer", "delegate", "author", "coauthor", "chair"];
type Outcome = "ok" | "not_found" | "forbidden";

const users = {} as Record<Actor, { id: string }>;

withDatabase(openTestPglite);
beforeAll(async () => {
  for (const a of actors) users[a] = await newUser(a);
});

/** A fresh forum in which every actor holds their part, with one measure (or draft) by the author. */
async function world(opts: { draft?: boolean; decision?: "majority" | "silence" } = {}) {
  const forum = await createForum(users.chair.id, { title: "Matrix forum", description: "" });
  const memberIds = {} as Record<Actor, string>;
  for (const a of ["observer", "delegate", "author", "coauthor"] as const) {
    const joined = await joinForum(users[a].id, {
      code: forum.joinCode,
      stakeholderGroup: "state",
      delegation: a,
      camp: a === "delegate" ? "cyber_sovereignty" : "internet_freedom",
    });
    memberIds[a] = joined.member.id;
  }
  const page = await getForumPage(users.chair.id, forum.id);
  memberIds.chair = page.me.id;
  await changeRole(users.chair.id, forum.id, memberIds.observer, { role: "observer" });
  const measure = await proposeMeasure(users.author.id, forum.id, {
    title: "Hotline",
    kind: "cbm",
    text: "A hotline between capitals.",
    draft: opts.draft ?? false,
  });
  await addCoauthor(users.author.id, measure.id, { memberId: memberIds.coauthor });
  if (opts.decision === "majority") await openDecision(users.chair.id, measure.id, { rule: "simple_majority" });
  if (opts.decision === "silence") await openDecision(users.chair.id, measure.id, { rule: "silence", minutes: 60 });
  return { forumId: forum.id, measureId: measure.id, memberIds };
}

type W = Awaited<ReturnType<typeof world>>;
type Action = { name: string; setup?: Parameters<typeof world>[0]; run: (userId: string, w: W) => Promise<unknown>; expect: Record<Actor, Outcome> };

const Y = "ok" as const, N = "not_found" as const, F = "forbidden" as const;
const row = (outsider: Outcome, observer: Outcome, delegate: Outcome, author: Outcome, coauthor: Outcome, chair: Outcome) => ({
  outsider, observer, delegate, author, coauthor, chair,
});

const matrix: Action[] = [
  { name: "read the forum", run: (u, w) => getForumPage(u, w.forumId), expect: row(N, Y, Y, Y, Y, Y) },
  { name: "read a measure", run: (u, w) => getMeasurePage(u, w.measureId), expect: row(N, Y, Y, Y, Y, Y) },
  { name: "read a draft", setup: { draft: true }, run: (u, w) => getMeasurePage(u, w.measureId), expect: row(N, N, N, Y, Y, N) },
  { name: "propose a measure", run: (u, w) => proposeMeasure(u, w.forumId, { title: "T", kind: "norm", text: "x" }), expect: row(N, F, Y, Y, Y, Y) },
  { name: "take a position", run: (u, w) => takePosition(u, w.measureId, { stance: "support", clientId: randomUUID() }), expect: row(N, F, Y, Y, Y, Y) },
  { name: "comment", run: (u, w) => addComment(u, w.measureId, { body: "Hello", clientId: randomUUID() }), expect: row(N, Y, Y, Y, Y, Y) },
  { name: "change a member's role", run: (u, w) => changeRole(u, w.forumId, w.memberIds.delegate, { role: "observer" }), expect: row(N, F, F, F, F, Y) },
  { name: "remove a member", run: (u, w) => removeMember(u, w.forumId, w.memberIds.observer), expect: row(N, F, F, F, F, Y) },
  { name: "regenerate the join code", run: (u, w) => regenerateJoinCode(u, w.forumId), expect: row(N, F, F, F, F, Y) },
  { name: "close the forum", run: (u, w) => updateForum(u, w.forumId, { status: "closed" }), expect: row(N, F, F, F, F, Y) },
  { name: "set the default rule", run: (u, w) => updateForum(u, w.forumId, { defaultRule: "cross_camp" }), expect: row(N, F, F, F, F, Y) },
  {
    name: "change their own profile",
    run: (u, w) => updateProfile(u, w.forumId, { camp: "non_aligned", stakeholderGroup: "academia", delegation: "Renamed" }),
    expect: row(N, Y, Y, Y, Y, Y),
  },
  { name: "submit a draft", setup: { draft: true }, run: (u, w) => changeStatus(u, w.measureId, { to: "under_discussion" }), expect: row(N, N, N, Y, Y, N) },
  { name: "withdraw a measure", run: (u, w) => changeStatus(u, w.measureId, { to: "withdrawn" }), expect: row(N, F, F, Y, Y, F) },
  { name: "invite a co-author", run: (u, w) => addCoauthor(u, w.measureId, { memberId: w.memberIds.delegate }), expect: row(N, F, F, Y, Y, F) },
  { name: "open a decision", run: (u, w) => openDecision(u, w.measureId, { rule: "simple_majority" }), expect: row(N, F, F, F, F, Y) },
  { name: "close a decision", setup: { decision: "majority" }, run: (u, w) => closeDecision(u, w.measureId), expect: row(N, F, F, F, F, Y) },
  { name: "cancel a decision", setup: { decision: "majority" }, run: (u, w) => changeStatus(u, w.measureId, { to: "under_discussion" }), expect: row(N, F, F, F, F, Y) },
  { name: "break silence", setup: { decision: "silence" }, run: (u, w) => objectToSilence(u, w.measureId, { reason: "Not yet" }), expect: row(N, F, Y, Y, Y, Y) },
  { name: "read the audit log", run: (u, w) => listAudit(u, w.forumId), expect: row(N, Y, Y, Y, Y, Y) },
  { name: "download the audit log", run: (u, w) => auditCsv(u, w.forumId), expect: row(N, F, F, F, F, Y) },
];

async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "ok";
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    if (e instanceof ZodError) return "invalid_input";
    throw e;
  }
}

describe.each(matrix)("$name", (action) => {
  it.each(actors)("by %s", async (actor) => {
    const w = await world(action.setup);
    expect(await outcome(action.run(users[actor].id, w))).toBe(action.expect[actor]);
  });
});
