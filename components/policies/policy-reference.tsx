// A short plain-language reference beside the editor: what each field of the document means.
import type { ReactNode } from "react";
import type { PolicyKind } from "@/lib/domain/policy-text";

const C = ({ children }: { children: ReactNode }) => <code className="rounded bg-slate-100 px-1 font-mono text-[12px] text-slate-900">{children}</code>;

function Term({ name, children }: { name: ReactNode; children: ReactNode }) {
  return (
    <>
      <dt className="mt-2 font-medium text-slate-900">{name}</dt>
      <dd className="text-slate-700">{children}</dd>
    </>
  );
}

const CLOCKS = (
  <Term name="Clocks">
    <C>response</C> runs from creation until the item leaves prioritisation, paused while waiting on the client. <C>resolution</C> runs
    until the item is closed, paused while waiting on the client or a third party. <C>decision</C> runs while a risk acceptance awaits
    the owner. A reopened item starts a new cycle of each clock. In escalation rules, <C>deadline</C> is an item&apos;s own due date (an
    access review&apos;s, set by its campaign): breached once the date has passed, never at risk.
  </Term>
);

export function PolicyReference({ kind }: { kind: PolicyKind }) {
  return (
    <aside aria-labelledby="reference-h" className="self-start rounded border border-slate-200 bg-white p-4 text-sm">
      <h2 id="reference-h" className="font-semibold text-slate-900">Reference</h2>
      {kind === "frameworks" ? (
        <dl>
          <Term name={<><C>frameworks</C></>}>
            The frameworks reported against, each with an <C>id</C> (lower-case, e.g. <C>nist-csf-2.0</C>), a <C>name</C>, the{" "}
            <C>version</C> of the framework and its <C>controls</C>: a <C>ref</C> as the framework writes it (<C>PR.AA-05</C>,{" "}
            <C>NHI1</C>, <C>L6</C>) and a <C>title</C>. Every control listed appears in the report, with zeros when no work maps to it.
          </Term>
          <Term name={<><C>mappings</C></>}>
            Each has a <C>match</C> and <C>refs</C>. <C>match</C> takes <C>type</C> (work item types, e.g.{" "}
            <C>[&quot;revocation&quot;]</C>), <C>rule</C> (the inventory rules that raise work: <C>rotation_due</C>, <C>orphaned</C>,{" "}
            <C>deactivated_access</C>) or both, when an item must fit both. <C>refs</C> name controls as <C>framework:control</C>, e.g.{" "}
            <C>nist-csf-2.0:PR.AA-05</C>. An optional <C>note</C> says why.
          </Term>
          <Term name="Counting">
            An item counts towards every control of every mapping it fits, once per control. Per control and period: done is closed as
            remediated in the period, open is open now, accepted is closed as risk accepted in the period or under an acceptance still in
            force.
          </Term>
          <Term name="On activation">Reports and evidence packs made from then on group work by the new mapping; nothing about the items changes.</Term>
        </dl>
      ) : kind === "escalation" ? (
        <dl>
          <Term name={<>Rules</>}>
            Each rule has an <C>id</C> (lower-case letters, digits and dashes, unique), a <C>when</C> and a <C>then</C>. Every rule that
            matches fires; a rule fires once per item, clock and cycle, however long the condition lasts.
          </Term>
          {CLOCKS}
          <Term name={<><C>when</C></>}>
            A <C>clock</C> with exactly one of: <C>atRisk: true</C> (the share of the target set by the SLA policy has elapsed, 75 % by
            default), <C>breached: true</C> (the target has passed) or <C>breachedFor</C> (breached for at least this long, in wall-clock
            time, e.g. <C>&quot;P2D&quot;</C>). Narrow it with <C>priority</C> (e.g. <C>[&quot;P1&quot;, &quot;P2&quot;]</C>) and <C>type</C>.{" "}
            <C>exceptionExpiresWithin</C> (e.g. <C>&quot;P7D&quot;</C>) instead of a clock matches items closed under a risk acceptance that
            expires within that time: a heads-up, once per expiry date (an extension&apos;s new date warns again). At the expiry itself the
            sweeper reopens the item.
          </Term>
          <Term name={<><C>then</C></>}>
            <C>level</C> 1 to 5 raises the item&apos;s escalation level (it never lowers it). <C>notify</C> lists who is told, in the inbox and
            by e-mail or webhook where set up: <C>assignee</C>, <C>lead</C> (the organisation&apos;s leads), <C>owner</C> (its programme
            owners), <C>executive</C>. A rule needs a level, someone to notify, or both.
          </Term>
          <Term name={<><C>exceptions</C></>}>
            Optional, per priority: <C>approvals</C> (how many distinct programme owners must approve a risk acceptance or its extension,
            1 to 5) and <C>maxExpiry</C> (the longest it may run from the request, e.g. <C>&quot;P30D&quot;</C>). Without it: P1 two owners
            and 30 days, P2 one and 90, P3 one and 180, P4 one and 365. The version in force when a request is made sets its approvals.
          </Term>
          <Term name="Durations">ISO 8601: <C>PT4H</C> is four hours, <C>P2D</C> two days.</Term>
          <Term name="Dry run">
            Evaluates the draft against the open items as they stand now and lists what would fire, and what already fired and will not
            fire again. Nothing is written.
          </Term>
        </dl>
      ) : (
        <dl>
          <Term name={<><C>calendars</C></>}>
            Named working calendars. <C>24x7</C> counts every hour; <C>business</C> counts only its <C>week</C> rows (<C>&quot;1&quot;</C> is
            Monday … <C>&quot;7&quot;</C> Sunday, each a list of <C>start</C>–<C>end</C> times such as <C>08:30</C>–<C>12:30</C>) in its{" "}
            <C>timeZone</C>, minus its <C>holidays</C> (<C>annual: true</C> repeats the date every year).
          </Term>
          <Term name={<><C>goals</C></>}>
            Checked top-down; the first whose <C>match</C> fits the item (its <C>priority</C> and <C>type</C> lists) wins. The last goal
            must have an empty match, <C>{"{}"}</C>, so every item has one.
          </Term>
          <Term name="Targets">
            <C>response</C>, <C>resolution</C> and <C>decision</C> each take <C>within</C> (working time on the named <C>calendar</C>). On
            a business calendar give hours: <C>PT16H</C> is two 8-hour days, and days are refused because their length is not fixed. Leave
            a clock out to not track it.
          </Term>
          {CLOCKS}
          <Term name={<><C>atRiskShare</C></>}>The share of a target after which a clock is at risk (0.75 when left out).</Term>
          <Term name="On activation">Every open item&apos;s clocks are worked out again under the new targets at the sweeper&apos;s next pass (every minute by default).</Term>
        </dl>
      )}
    </aside>
  );
}
