// How a moment from the server is written for people: in UTC, cut to the precision a reader needs.
import { describe, expect, it } from "vitest";
import { shortMinute, utcDay, utcMinute, utcSecond } from "@/lib/core/dates";

const moment = "2026-12-02T14:05:09.731Z";

describe("writing a moment", () => {
  it("writes it to the minute, naming the zone", () => {
    expect(utcMinute(moment)).toBe("2026-12-02 14:05 UTC");
  });

  it("cuts the seconds off rather than rounding them", () => {
    expect(utcMinute("2026-12-02T14:05:59.999Z")).toBe("2026-12-02 14:05 UTC");
  });

  it("writes it to the second, leaving the zone to the table's heading", () => {
    expect(utcSecond(moment)).toBe("2026-12-02 14:05:09");
  });

  it("writes its day", () => {
    expect(utcDay(moment)).toBe("2026-12-02");
  });

  it("writes it short, as month, day and minute", () => {
    expect(shortMinute(moment)).toBe("12-02 14:05");
  });

  it("writes the time in UTC whatever the time zone the Date was made in", () => {
    expect(utcMinute(new Date("2026-12-02T23:30:00+05:30").toISOString())).toBe("2026-12-02 18:00 UTC");
  });
});
