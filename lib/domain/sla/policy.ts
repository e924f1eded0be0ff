// The SLA policy document (SPEC §3): named calendars, and goals evaluated top-down, first match wins, with a
// catch-all last. Each goal sets targets for the clocks it covers, as ISO 8601 durations on a calendar.
import { Duration } from "luxon";
import { z } from "zod";
import { PRIORITIES, WORK_ITEM_TYPES, type Priority, type WorkItemType } from "../vocabulary";
import type { Calendar } from "./calendar";

const hhmm = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, "Use HH:MM, from 00:00 to 24:00.");
const zone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, "Unknown time zone; use an IANA name such as Europe/London.");

export const isoDuration = z
  .string()
  .refine((s) => {
    const d = Duration.fromISO(s);
    return d.isValid && d.toMillis() > 0;
  }, "Use a positive ISO 8601 duration such as PT4H or P3D.");

const row = z.object({ start: hhmm, end: hhmm }).refine((r) => r.start < r.end, "A row must end after it starts.");
const calendar = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("24x7"), timeZone: zone }),
  z.object({
    kind: z.literal("business"),
    timeZone: zone,
    week: z.partialRecord(z.enum(["1", "2", "3", "4", "5", "6", "7"]), z.array(row)),
    holidays: z.array(z.object({ date: z.iso.date(), annual: z.boolean().optional(), name: z.string().optional() })).default([]),
  }),
]);

const target = z.object({ within: isoDuration, calendar: z.string().min(1) });

export const slaPolicyDocument = z
  .object({
    atRiskShare: z.number().gt(0).lt(1).default(0.75),
    calendars: z.record(z.string().min(1), calendar),
    goals: z
      .array(
        z.object({
          name: z.string().min(1),
          match: z.object({ priority: z.array(z.enum(PRIORITIES)).optional(), type: z.array(z.enum(WORK_ITEM_TYPES)).optional() }).default({}),
          response: target.optional(),
          resolution: target.optional(),
          decision: target.optional(),
        }),
      )
      .min(1, "Add at least one goal; the last one must match everything."),
  })
  .superRefine((doc, ctx) => {
    doc.goals.forEach((g, i) => {
      for (const clock of ["response", "resolution", "decision"] as const) {
        const t = g[clock];
        const cal = t ? doc.calendars[t.calendar] : undefined;
        if (t && !cal) {
          ctx.addIssue({ code: "custom", path: ["goals", i, clock, "calendar"], message: `Goal "${g.name}": no calendar named "${t.calendar}".` });
        }
        // Durations count working time; "a day" means nothing fixed on business hours, so ask for hours there.
        if (t && cal?.kind === "business" && /[YMWD]/.test(t.within.split("T")[0]!.slice(1))) {
          ctx.addIssue({ code: "custom", path: ["goals", i, clock, "within"], message: `Goal "${g.name}": on the business calendar "${t.calendar}" give working hours (PT16H is two 8-hour days), not days.` });
        }
      }
    });
    const last = doc.goals.at(-1);
    if (last && (last.match.priority?.length || last.match.type?.length)) {
      ctx.addIssue({ code: "custom", path: ["goals", doc.goals.length - 1, "match"], message: `The last goal ("${last.name}") must match everything (an empty match), so every item has a goal.` });
    }
  });

export type SlaPolicyDocument = z.infer<typeof slaPolicyDocument>;
export type ClockTarget = { ms: number; calendar: Calendar; goal: string; calendarName: string };

/** The first goal that matches the item (the catch-all last guarantees one). */
export function goalFor(doc: SlaPolicyDocument, item: { priority: Priority; type: WorkItemType }) {
  return doc.goals.find((g) => (!g.match.priority?.length || g.match.priority.includes(item.priority)) && (!g.match.type?.length || g.match.type.includes(item.type)))!;
}

/** The target of one clock for an item, or null when its goal sets none. */
export function targetFor(doc: SlaPolicyDocument, item: { priority: Priority; type: WorkItemType }, clock: "response" | "resolution" | "decision"): ClockTarget | null {
  const goal = goalFor(doc, item);
  const t = goal[clock];
  if (!t) return null;
  return { ms: Duration.fromISO(t.within).toMillis(), calendar: doc.calendars[t.calendar] as Calendar, goal: goal.name, calendarName: t.calendar };
}
