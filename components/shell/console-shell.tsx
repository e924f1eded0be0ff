import type { ReactNode } from "react";
import { can } from "@/lib/domain/permissions";
import { labels } from "@/lib/domain/vocabulary";
import type { OrgContext } from "@/lib/auth/current";
import { NAV_ITEMS } from "./nav-items";
import { NavLinks } from "./nav-links";
import { OrgSwitcher } from "./org-switcher";
import { SignOutButton } from "./sign-out-button";
import { QueryProvider } from "@/components/providers/query-provider";
import { HydrationMark } from "./hydration-mark";
import { inOrg } from "@/lib/auth/current";
import { unreadCount } from "@/lib/queries/notifications";
import { waitingDecisionCount } from "@/lib/queries/acceptance-detail";

export async function ConsoleShell({ ctx, children }: { ctx: OrgContext; children: ReactNode }) {
  const slug = ctx.membership.slug;
  const visible = NAV_ITEMS.filter((i) => can(ctx.role, i.permission));
  const counts = await inOrg(ctx, async (tx) => ({
    unread: visible.some((i) => i.badge === "unread") ? await unreadCount(tx, ctx.membership.orgId, ctx.user.id) : 0,
    waiting: visible.some((i) => i.badge === "waiting") ? await waitingDecisionCount(tx, ctx.membership.orgId) : 0,
  }));
  const items = visible.map((i) => ({ href: i.href(slug), label: i.label, segments: i.segments, count: i.badge ? counts[i.badge] : undefined, countLabel: i.badge }));
  return (
    <div className="min-h-screen md:grid md:grid-cols-[14rem_1fr]">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <aside className="bg-slate-900 px-3 py-3 md:min-h-screen md:py-4">
        <div className="mb-3 flex items-center justify-between gap-2 md:mb-5 md:block">
          <div className="px-2 text-[13px] font-semibold tracking-tight text-white md:mb-4">
            <span className="mr-1.5 inline-block h-2.5 w-2.5 rounded-sm bg-blue-500 align-middle" aria-hidden />
            Wrapper Ops
          </div>
          <div className="min-w-0 flex-1 md:flex-none">
            <OrgSwitcher current={ctx.membership} memberships={ctx.user.memberships} />
          </div>
        </div>
        <nav aria-label="Main">
          <NavLinks items={items} />
        </nav>
      </aside>
      <div className="min-w-0">
        <header className="flex items-center justify-end gap-3 border-b border-slate-200 bg-white px-4 py-2">
          <div className="text-right leading-tight">
            <div className="font-medium text-slate-800">{ctx.user.name}</div>
            <div className="text-xs text-slate-500">
              {labels.role[ctx.role]} · {ctx.user.email}
            </div>
          </div>
          <SignOutButton />
        </header>
        <main id="main" className="px-4 py-5 md:px-6">
          <QueryProvider>{children}</QueryProvider>
          <HydrationMark />
        </main>
      </div>
    </div>
  );
}
