// PGlite is one connection shared by the whole process. These tests pin down what db/client.ts
// promises about it: transactions never interleave on that connection, and nothing outside a
// transaction sees its uncommitted rows.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { openTestPglite } from "./support/databases";

let database: Database;

beforeAll(async () => {
  database = await openTestPglite();
  await database.db.execute(sql`create table counters (id int primary key, value int not null)`);
  await database.db.execute(sql`create table notes (id serial primary key, body text not null)`);
});

afterAll(async () => {
  await database.close();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// PGlite's result of a raw query: its rows.
const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

async function valueOf(id: number) {
  return rowsOf<{ value: number }>(await database.db.execute(sql`select value from counters where id = ${id}`))[0]?.value;
}

describe("transactions on PGlite's single connection", () => {
  it("serialise read-then-write transactions that await between their statements", async () => {
    await database.db.execute(sql`insert into counters values (1, 0)`);
    const order: string[] = [];
    // Without serialisation every transaction would read 0 and the counter would end at 1.
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        database.db.transaction(async (tx) => {
          order.push(`begin ${i}`);
          const [row] = rowsOf<{ value: number }>(await tx.execute(sql`select value from counters where id = 1`));
          await pause(1);
          await tx.execute(sql`update counters set value = ${row!.value + 1} where id = 1`);
          order.push(`end ${i}`);
        }),
      ),
    );
    expect(await valueOf(1)).toBe(40);
    // Each transaction ends before the next one begins.
    for (let i = 0; i < order.length; i += 2) {
      expect(order[i]!.replace("begin", "end")).toBe(order[i + 1]);
    }
  });

  it("keeps a plain query out of an open transaction: it waits, and never sees uncommitted rows", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const didInsert = new Promise<void>((resolve) => (inserted = resolve));
    const transaction = database.db.transaction(async (tx) => {
      await tx.execute(sql`insert into notes (body) values ('uncommitted')`);
      inserted();
      await held;
      tx.rollback();
    });
    await didInsert;

    let outsideSaw: number | null = null;
    const outside = database.db
      .execute(sql`select count(*)::int as n from notes`)
      .then((r) => (outsideSaw = rowsOf<{ n: number }>(r)[0]!.n));
    await pause(50);
    expect(outsideSaw).toBeNull(); // still waiting for the transaction to end

    release();
    await expect(transaction).rejects.toThrow(/rollback/i);
    await outside;
    expect(outsideSaw).toBe(0);
  });

  it("rolls a failed transaction back entirely, and the next one runs on a clean connection", async () => {
    await database.db.execute(sql`insert into counters values (2, 0)`);
    await expect(
      database.db.transaction(async (tx) => {
        await tx.execute(sql`update counters set value = 99 where id = 2`);
        await tx.execute(sql`insert into counters values (2, 1)`); // duplicate key
      }),
    ).rejects.toThrow();
    expect(await valueOf(2)).toBe(0);
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`update counters set value = value + 1 where id = 2`);
    });
    expect(await valueOf(2)).toBe(1);
  });
});

describe("values read through drizzle on PGlite", () => {
  // db/client.ts installs drizzle's parsers once instead of letting every query pass them.
  it("maps timestamps to the instant stored, in and out of transactions, and leaves raw ones as text", async () => {
    await database.db.execute(sql`create table stamps (id int primary key, at timestamptz not null, day date not null)`);
    await database.db.execute(sql`insert into stamps values (1, '2026-03-04T05:06:07.089Z', '2026-03-04')`);
    const { pgTable, integer, timestamp, date } = await import("drizzle-orm/pg-core");
    const stamps = pgTable("stamps", { id: integer("id"), at: timestamp("at", { withTimezone: true }), day: date("day") });
    const expected = { id: 1, at: new Date("2026-03-04T05:06:07.089Z"), day: "2026-03-04" };
    expect(await database.db.select().from(stamps)).toEqual([expected]);
    expect(await database.db.transaction((tx) => tx.select().from(stamps))).toEqual([expected]);
    const raw = rowsOf<{ at: unknown }>(await database.db.execute(sql`select at from stamps`))[0]!.at;
    expect(typeof raw).toBe("string");
    expect(new Date(raw as string).toISOString()).toBe("2026-03-04T05:06:07.089Z");
  });
});
