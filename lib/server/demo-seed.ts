import "server-only";
// The demo forum seeded on first start (SEED_DEMO=false turns it off). It is written through the
// domain functions, so it obeys every rule a user's writes obey, and in one transaction, so that a
// start stopped half-way (a signal, a kill, a crash) leaves no half-seeded forum: the next start
// seeds it whole. The delegations are fictional states and organisations; the measures
// paraphrase publicly known OSCE cyber CBMs and the 2015 UN GGE norms in our own words.
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { asOneTransaction, type Database, type Db } from "@/db/client";
import { forums, users } from "@/db/schema";
import { addComment } from "@/lib/measure/comments";
import { closeDecision, openDecision } from "@/lib/measure/decisions";
import { createForum, joinForum } from "@/lib/forum/forums";
import { takePosition } from "@/lib/measure/positions";
import { registerUser } from "@/lib/auth/users";
import type { Camp, MeasureCategory, MeasureKind, Stance, StakeholderGroup } from "@/lib/core/vocabulary";
import { issueRevision } from "@/lib/text/revisions";
import { proposeAlternative, setBacking } from "@/lib/text/alternatives";
import { activeParagraphs } from "@/lib/text/store";
import { proposeMeasure } from "@/lib/measure/commands";

export const DEMO_PASSWORD = "concord-demo";
export const DEMO_JOIN_CODE = "OEWGDEMO";
export const DEMO_FORUM_TITLE = "OEWG — Confidence-building measures (demo)";

type Delegation = { key: string; name: string; delegation: string; group: StakeholderGroup; camp: Camp };

export const demoDelegations: Delegation[] = [
  { key: "northland", name: "Ingrid Halvorsen", delegation: "Northland", group: "state", camp: "internet_freedom" },
  { key: "meridia", name: "Dmitri Volkov", delegation: "Meridia", group: "state", camp: "cyber_sovereignty" },
  { key: "varos", name: "Li Wen", delegation: "Republic of Varos", group: "state", camp: "cyber_sovereignty" },
  { key: "aurelia", name: "Amara Okafor", delegation: "Aurelia", group: "state", camp: "non_aligned" },
  { key: "opennet", name: "Sofia Reyes", delegation: "Open Net Alliance", group: "civil_society", camp: "internet_freedom" },
  { key: "securitas", name: "James Whitfield", delegation: "Securitas Cloud", group: "private_sector", camp: "internet_freedom" },
  { key: "girn", name: "Priya Raman", delegation: "Global Incident Response Network", group: "technical_community", camp: "non_aligned" },
  { key: "ero", name: "Hassan Al-Amin", delegation: "Eastern Regional Organisation", group: "intergovernmental", camp: "cyber_sovereignty" },
];

const demoEmail = (key: string) => `${key}@demo.concord`;

type DemoMeasure = {
  by: string;
  kind: MeasureKind;
  category: MeasureCategory;
  // What the chair has done with it so far.
  decision?: "adopted_by_consensus" | "open_cross_camp";
  // Rival wordings for one paragraph (by its index), each backed by some delegations.
  bracket?: { paragraph: number; alternatives: { by: string; text: string; rationale: string; backers: string[] }[] };
  title: string;
  text: string;
  // Stances in the order of demoDelegations; null: no position taken yet.
  stances: (Stance | null)[];
  comments?: [string, string][];
};

const S = "support", O = "oppose", A = "abstain";

const demoMeasures: DemoMeasure[] = [
  {
    by: "aurelia",
    kind: "cbm",
    category: "cooperation_communication",
    decision: "open_cross_camp",
    title: "Directory of national points of contact",
    text: `Each participating state designates a **policy** and a **technical** point of contact for ICT incidents of potential concern to other states, and keeps their details current in a shared directory.

- Details are updated within 30 days of any change.
- The directory is tested at least once a year through a communication check.
- Contacts answer an initial request within 72 hours, even if only to acknowledge it.`,
    stances: [S, S, S, S, S, S, S, S],
    comments: [
      ["girn", "A yearly ping test is the minimum. Our members see stale contacts as the main reason requests go unanswered."],
      ["meridia", "We support this as drafted. The 72-hour acknowledgement is realistic for capitals."],
    ],
  },
  {
    by: "northland",
    kind: "cbm",
    category: "transparency",
    title: "Voluntary sharing of national ICT security strategies",
    text: `States share, on a voluntary basis, their national strategies, policies and doctrines on the security of and in the use of ICTs, including the role of their armed forces and intelligence services where they choose to publish it.

Sharing happens through the forum's repository and is presented at a dedicated session each year.`,
    stances: [S, A, O, S, S, S, S, A],
    comments: [
      ["varos", "Doctrines of military and intelligence bodies are a sovereign matter. We could accept the text without that clause."],
      ["opennet", "Transparency about offensive doctrine is precisely what reduces misperception. The clause should stay."],
    ],
  },
  {
    by: "meridia",
    kind: "cbm",
    category: "stability_restraint",
    title: "Consultations to reduce the risk of misperception and escalation",
    text: `At the request of a state that believes an ICT incident may affect its security, the states concerned hold consultations within **seven days**, at the level they choose, to clarify the incident and reduce the risk of misunderstanding and escalation.

The request and the consultation remain confidential unless both states agree otherwise.`,
    stances: [S, S, S, S, A, S, S, S],
    comments: [["opennet", "Confidentiality by default worries us; the public should at least learn that consultations took place."]],
  },
  {
    by: "northland",
    kind: "norm",
    category: "critical_infrastructure",
    bracket: {
      paragraph: 1,
      alternatives: [
        {
          by: "meridia",
          text: "Each state designates the critical infrastructure within its territory.",
          rationale: "Designation is a sovereign competence.",
          backers: ["varos", "ero"],
        },
        {
          by: "aurelia",
          text: "Critical infrastructure includes at least energy, water, health care and financial services, as designated by each state; the public core of the internet deserves the same protection.",
          rationale: "A bridge: national designation, with the public core named as deserving protection.",
          backers: ["northland", "girn", "meridia"],
        },
      ],
    },
    title: "No ICT activity that damages critical infrastructure serving the public",
    text: `A state should not conduct or knowingly support ICT activity that intentionally damages critical infrastructure or otherwise impairs its use and operation to provide services to the public.

Critical infrastructure includes at least: energy, water, health care, financial services and the **public core of the internet**.`,
    stances: [S, O, A, S, S, S, S, O],
    comments: [
      ["meridia", "The \"public core of the internet\" is undefined in international law. We cannot accept a list that goes beyond national designation."],
      ["securitas", "Operators of the DNS root and major exchange points need exactly this protection."],
      ["aurelia", "Perhaps: keep the list open and let each state designate, with the public core as an example rather than an obligation."],
    ],
  },
  {
    by: "girn",
    kind: "norm",
    category: "critical_infrastructure",
    decision: "adopted_by_consensus",
    title: "Protection of emergency response teams",
    text: `A state should not conduct or knowingly support activity that harms the information systems of another state's authorised emergency response teams (CERTs/CSIRTs), and should not use its own teams for malicious international activity.`,
    stances: [S, S, S, S, S, S, S, S],
    comments: [["varos", "This is common ground. We propose it go to decision early."]],
  },
  {
    by: "securitas",
    kind: "norm",
    category: "cooperation_communication",
    title: "Responsible reporting and handling of ICT vulnerabilities",
    text: `States encourage responsible reporting of ICT vulnerabilities and share remedies for them, so as to limit and possibly eliminate potential threats to ICTs and ICT-dependent infrastructure.

States are encouraged to publish how their governments decide whether to disclose or retain vulnerabilities they discover.`,
    stances: [S, A, O, S, S, S, S, A],
    comments: [["meridia", "The second paragraph asks states to publish internal security procedures. Can it be moved to a voluntary annex?"]],
  },
  {
    by: "varos",
    kind: "norm",
    category: "stability_restraint",
    title: "Respect for the sovereignty of states over their information space",
    text: `States exercise sovereignty over ICT infrastructure and information within their territory, and refrain from interference in the internal affairs of other states through ICTs.`,
    stances: [O, S, S, A, O, O, A, S],
    comments: [
      ["opennet", "\"Information space\" can justify censorship and shutdowns. Any text must reaffirm that human rights apply online."],
      ["meridia", "Sovereignty is a founding principle of the Charter; this restates it for our domain."],
    ],
  },
  {
    by: "aurelia",
    kind: "cbm",
    category: "capacity_building",
    title: "Capacity building for incident response in developing states",
    text: `States in a position to do so support the establishment and training of national incident response capabilities in developing states, on request and in a demand-driven, politically neutral manner.`,
    stances: [S, S, S, S, S, A, S, null],
  },
];

/** True when there is nothing in the database yet: the only time the demo is seeded. */
export async function isEmpty(db: Db) {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return (row?.n ?? 0) === 0;
}

/**
 * Seeds the demo forum when the database is empty, all of it or nothing, and returns it (null: not
 * empty). An abort of `signal` stops it between two steps, and rolls back what it wrote.
 * `starting` is called once it knows it will seed.
 */
export async function seedDemoIfEmpty(database: Database, options: { signal?: AbortSignal; starting?: () => void } = {}) {
  return database.exclusive(() =>
    asOneTransaction(database, async (db) => {
      if (!(await isEmpty(db))) return null;
      options.starting?.();
      return seedDemo(db, options.signal);
    }),
  );
}

async function seedDemo(db: Db, signal?: AbortSignal) {
  const chair = await registerUser({ name: "Ambassador Elena Brandt", email: demoEmail("chair"), password: DEMO_PASSWORD });
  const forum = await createForum(chair.id, {
    title: DEMO_FORUM_TITLE,
    description:
      "Demo forum: confidence-building measures and norms of responsible state behaviour in cyberspace, " +
      "drafted in the manner of the UN Open-ended Working Group on ICT security.",
  });
  await db.update(forums).set({ joinCode: DEMO_JOIN_CODE }).where(eq(forums.id, forum.id));

  const userIds = new Map<string, string>([["chair", chair.id]]);
  for (const d of demoDelegations) {
    signal?.throwIfAborted();
    const user = await registerUser({ name: d.name, email: demoEmail(d.key), password: DEMO_PASSWORD });
    userIds.set(d.key, user.id);
    await joinForum(user.id, { code: DEMO_JOIN_CODE, stakeholderGroup: d.group, delegation: d.delegation, camp: d.camp });
  }

  for (const m of demoMeasures) {
    signal?.throwIfAborted();
    const measure = await proposeMeasure(userIds.get(m.by)!, forum.id, {
      title: m.title,
      kind: m.kind,
      category: m.category,
      text: m.text,
      draft: false,
    });
    for (const [i, stance] of m.stances.entries()) {
      if (!stance) continue;
      await takePosition(userIds.get(demoDelegations[i]!.key)!, measure.id, { stance, rationale: "", clientId: randomUUID() });
    }
    for (const [key, body] of m.comments ?? []) {
      await addComment(userIds.get(key)!, measure.id, { body, clientId: randomUUID() });
    }
    if (m.decision === "adopted_by_consensus") {
      await openDecision(chair.id, measure.id, { rule: "consensus" });
      await closeDecision(chair.id, measure.id);
    } else if (m.decision === "open_cross_camp") {
      await openDecision(chair.id, measure.id, { rule: "cross_camp", minutes: 7 * 24 * 60 });
    }
    if (m.bracket) {
      await issueRevision(chair.id, measure.id);
      const paragraph = (await activeParagraphs(db, measure.id))[m.bracket.paragraph]!;
      for (const alt of m.bracket.alternatives) {
        const { id } = await proposeAlternative(userIds.get(alt.by)!, measure.id, {
          kind: "replace",
          paragraphId: paragraph.id,
          text: alt.text,
          rationale: alt.rationale,
        });
        for (const backer of alt.backers) await setBacking(userIds.get(backer)!, id, true);
      }
    }
  }
  return forum;
}
