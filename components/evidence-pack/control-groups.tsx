// The evidence pack grouped by framework control: per framework, every control of the mapping with the keys of
// the pack's items done, open again and accepted, each key linking to the item's record further down the page.
import Link from "next/link";
import { Th, Thead } from "@/components/ui/table";
import type { ControlItems } from "@/lib/domain/frameworks";

function Keys({ keys, anchors }: { keys: string[]; anchors: Map<string, string> }) {
  if (keys.length === 0) return <span className="text-slate-400">—</span>;
  return (
    <ul className="flex flex-wrap gap-x-2 gap-y-0.5">
      {keys.map((k) => (
        <li key={k}>
          <a href={`#${anchors.get(k) ?? ""}`} className="font-mono text-xs text-blue-700 hover:underline">
            {k}
          </a>
        </li>
      ))}
    </ul>
  );
}

export function ControlGroups({ org, controls, anchors, mappingVersion }: { org: string; controls: ControlItems[]; anchors: Map<string, string>; mappingVersion: number | null }) {
  const frameworks = [...new Map(controls.map((c) => [c.framework, c.frameworkName])).entries()];
  return (
    <section aria-labelledby="by-framework-h" className="mb-5 print:break-inside-auto" data-testid="by-framework">
      <h2 id="by-framework-h" className="mb-1 text-base font-semibold text-slate-900">By framework control</h2>
      <p className="mb-3 text-slate-600">
        Under{" "}
        {mappingVersion === null ? (
          "the built-in default framework mapping"
        ) : (
          <Link href={`/o/${org}/settings/policies/frameworks/${mappingVersion}`} className="underline">
            framework mapping version {mappingVersion}
          </Link>
        )}
        . An item under several controls is listed under each; items closed as invalid, duplicate or cancelled under none.
      </p>
      {frameworks.map(([id, name]) => (
        <div key={id} className="mb-4 overflow-x-auto rounded border border-slate-200 bg-white print:break-inside-avoid">
          <table className="w-full text-left text-sm">
            <caption className="border-b border-slate-200 px-3 py-2 text-left font-semibold text-slate-900">{name}</caption>
            <Thead>
              <Th className="w-[40%]">Control</Th>
              <Th>Done</Th>
              <Th>Open again</Th>
              <Th>Accepted</Th>
            </Thead>
            <tbody className="divide-y divide-slate-100">
              {controls
                .filter((c) => c.framework === id)
                .map((c) => (
                  <tr key={c.ref} className="align-top">
                    <th scope="row" className="max-w-md px-3 py-2 font-normal">
                      <span className="font-mono text-xs font-semibold text-slate-900">{c.ref}</span> <span className="text-slate-700">{c.title}</span>
                    </th>
                    <td className="px-3 py-2"><Keys keys={c.done} anchors={anchors} /></td>
                    <td className="px-3 py-2"><Keys keys={c.open} anchors={anchors} /></td>
                    <td className="px-3 py-2"><Keys keys={c.accepted} anchors={anchors} /></td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}
