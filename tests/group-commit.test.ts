// Group commit (lib/group-commit.ts): who goes in which batch, and who gets which answer.
import { describe, expect, it, vi } from "vitest";
import { groupCommit, type Outcome } from "@/lib/live/group-commit";

/** A writer whose batches finish when the test says so, recording what each batch held. */
function controlledWriter(answer: (item: string) => Outcome<string> = (item) => ({ ok: true, value: item.toUpperCase() })) {
  const batches: string[][] = [];
  const finish: (() => void)[] = [];
  const write = (items: string[]) => {
    batches.push(items);
    return new Promise<Outcome<string>[]>((resolve) => finish.push(() => resolve(items.map(answer))));
  };
  return { batches, write, finishNext: () => finish.shift()!() };
}

// A batch starts on the event loop's next turn: two turns later it has started.
const tick = () => new Promise((resolve) => setImmediate(() => setImmediate(resolve)));

describe("group commit", () => {
  it("writes what arrives in one turn together, and what arrives meanwhile in the next batch", async () => {
    const writer = controlledWriter();
    const submit = groupCommit(writer.write, 10);
    const first = submit("a");
    await tick();
    expect(writer.batches).toEqual([["a"]]);
    const rest = ["b", "c", "d"].map(submit);
    writer.finishNext();
    expect(await first).toBe("A");
    await tick();
    expect(writer.batches).toEqual([["a"], ["b", "c", "d"]]);
    writer.finishNext();
    expect(await Promise.all(rest)).toEqual(["B", "C", "D"]);
  });

  it("caps a batch, and the items beyond it go in the following one", async () => {
    const writer = controlledWriter();
    const submit = groupCommit(writer.write, 2);
    const all = ["a", "b", "c"].map(submit);
    await tick();
    writer.finishNext();
    await tick();
    writer.finishNext();
    expect(await Promise.all(all)).toEqual(["A", "B", "C"]);
    expect(writer.batches).toEqual([["a", "b"], ["c"]]);
  });

  it("gives each item its own error, and puts off to the head of the next batch what the writer asks", async () => {
    const writer = controlledWriter((item) =>
      item === "bad" ? { ok: false, error: new Error("refused") } : item === "later" && writer.batches.length === 2 ? "again" : { ok: true, value: item },
    );
    const submit = groupCommit(writer.write, 10);
    const first = submit("a");
    await tick();
    const [bad, later, c] = ["bad", "later", "c"].map(submit);
    writer.finishNext();
    await first;
    await tick();
    const d = submit("d");
    writer.finishNext();
    await expect(bad).rejects.toThrow("refused");
    expect(await c).toBe("c");
    await tick();
    expect(writer.batches).toEqual([["a"], ["bad", "later", "c"], ["later", "d"]]);
    writer.finishNext();
    expect(await Promise.all([later, d])).toEqual(["later", "d"]);
  });

  it("under load waits to gather a larger batch; a write that comes alone starts at once", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "setImmediate", "performance"] });
    try {
      const writer = controlledWriter();
      const submit = groupCommit(writer.write, 100, 5);
      const all = [submit("a")];
      await vi.advanceTimersByTimeAsync(0);
      expect(writer.batches).toEqual([["a"]]);
      // A write every millisecond while the first batch is written: that is load.
      for (const item of "bcdefghijk") {
        await vi.advanceTimersByTimeAsync(1);
        all.push(submit(item));
      }
      writer.finishNext();
      await vi.advanceTimersByTimeAsync(1);
      expect(writer.batches).toHaveLength(1);
      all.push(submit("l"), submit("m"));
      await vi.advanceTimersByTimeAsync(4);
      expect(writer.batches).toEqual([["a"], [..."bcdefghijklm"]]);
      writer.finishNext();
      expect(await Promise.all(all)).toEqual([..."ABCDEFGHIJKLM"]);

      // After a quiet spell, a lone write goes at once.
      await vi.advanceTimersByTimeAsync(2_000);
      const alone = submit("z");
      await vi.advanceTimersByTimeAsync(0);
      expect(writer.batches).toHaveLength(3);
      writer.finishNext();
      expect(await alone).toBe("Z");

    } finally {
      vi.useRealTimers();
    }
  });

  it("gathers from one write every 5 ms; fifty writes a second never wait", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "setImmediate", "performance"] });
    try {
      const batchesAt = async (everyMs: number, count: number) => {
        const batches: number[][] = [];
        const submit = groupCommit(async (items: number[]) => {
          batches.push(items);
          return items.map((value) => ({ ok: true as const, value }));
        }, 100, 5);
        const all: Promise<number>[] = [];
        for (let i = 1; i <= count; i++) {
          await vi.advanceTimersByTimeAsync(everyMs);
          all.push(submit(i));
        }
        await vi.advanceTimersByTimeAsync(everyMs);
        expect(await Promise.all(all)).toEqual(Array.from({ length: count }, (_, i) => i + 1));
        return batches;
      };
      expect(await batchesAt(20, 16)).toEqual(Array.from({ length: 16 }, (_, i) => [i + 1]));
      // The smoothed spacing starts as for an idle server and falls under 5 ms with the eleventh.
      expect(await batchesAt(4, 16)).toEqual([...Array.from({ length: 10 }, (_, i) => [i + 1]), [11, 12], [13, 14], [15, 16]]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("fails every item of a batch whose write throws, and goes on with the next", async () => {
    let calls = 0;
    const submit = groupCommit(async (items: string[]) => {
      calls += 1;
      if (calls === 2) throw new Error("connection lost");
      return items.map((value) => ({ ok: true as const, value }));
    }, 10);
    const first = submit("a");
    await tick();
    const failing = [submit("b"), submit("c")];
    expect(await first).toBe("a");
    for (const p of failing) await expect(p).rejects.toThrow("connection lost");
    expect(await submit("d")).toBe("d");
  });
});
