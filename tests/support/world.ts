// Builds a small forum through the domain functions: a chair and delegates from each camp.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { members } from "@/db/schema";
import { registerUser } from "@/lib/auth/users";
import type { Camp, Role, StakeholderGroup } from "@/lib/core/vocabulary";
import { createForum, joinForum } from "./edge";

let counter = 0;

export async function newUser(name = "Delegate") {
  counter += 1;
  return registerUser({ name, email: `user${counter}-${randomUUID().slice(0, 8)}@example.org`, password: "correct horse battery" });
}

export async function newForum(title = "OEWG test forum") {
  const chair = await newUser("Chair");
  const forum = await createForum(chair.id, { title, description: "" });
  return { chair, forum };
}

export async function addMember(
  forum: { joinCode: string },
  profile: { camp: Camp; group?: StakeholderGroup; delegation?: string; role?: Role },
) {
  const user = await newUser(profile.delegation ?? "Delegate");
  const { member } = await joinForum(user.id, {
    code: forum.joinCode,
    camp: profile.camp,
    stakeholderGroup: profile.group ?? "state",
    delegation: profile.delegation ?? `Delegation ${counter}`,
  });
  if (profile.role && profile.role !== "delegate") {
    // Role changes arrive with the decisions issue; until then tests set the role directly.
    await getDb().update(members).set({ role: profile.role }).where(eq(members.id, member.id));
  }
  return { user, member };
}
