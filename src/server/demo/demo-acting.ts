/**
 * Seeds the demo organisation's closed loop: the default alert rule (NPS ≤ 6
 * or CSAT ≤ 2 opens a case for the serving employee) and a handful of cases in
 * the states a workbench shows: new, compensated on the spot, waiting for a
 * manager's approval, resolved with a follow-up, closed with a root cause,
 * escalated past its SLA, and an exemption whose report is overdue. Actions go
 * through the cases module as the employees themselves, at times in the past
 * (a shifted clock), so the timelines read like real work.
 */
import type { Actor, Role } from '../platform/actor.ts';
import { HOUR, type Clock } from '../platform/clock.ts';
import type { AppContext } from '../platform/context.ts';
import { actOnCase, escalateBreachedCases, flagOverdueExemptionReports, insertAlertRule, openCasesForResponses } from '../modules/cases/index.ts';
import type { CaseAction } from '../../contracts/cases.ts';

export const DEMO_RULE_NAME = '贬损客户预警 Detractor alert';

export interface ActingCounts {
  cases: number;
}

/** Writes the rule and the cases; `employeeIds` maps the demo's employee keys to their ids. */
export async function seedActing(ctx: AppContext, orgId: string, employeeIds: Map<string, string>): Promise<ActingCounts> {
  const base = ctx.clock.now().getTime();
  const at = (hoursAgo: number): AppContext => ({ ...ctx, clock: { now: () => new Date(base - hoursAgo * HOUR) } satisfies Clock });
  const rule = await ctx.db.tenant(orgId, (tx) =>
    insertAlertRule(ctx, tx, { name: DEMO_RULE_NAME, enabled: true, when: { match: 'any', nps: { lte: 6 }, csat: { lte: 2 } }, then: { createCase: { priority: 'high' }, notify: { servingEmployee: false, unitManager: true, employeeIds: [] } } }),
  );
  const person = (key: string, role: Role = 'employee'): Actor => ({ orgId, kind: 'api_key', id: 'demo-seed', role, employeeId: employeeIds.get(key)! });
  const complaints = async (key: string, n: number) =>
    (
      await ctx.db.tenant(orgId, (tx) =>
        tx.query<{ id: string }>(
          `SELECT id FROM responses WHERE org_id = $1 AND employee_id = $2 AND (nps <= 6 OR csat <= 2) AND customer_id IS NOT NULL
           ORDER BY submitted_at DESC, id LIMIT $3`,
          [orgId, employeeIds.get(key), n],
        ),
      )
    ).map((r) => r.id);
  const open = async (key: string, hoursAgo: number, n = 1) => openCasesForResponses(at(hoursAgo), orgId, rule.id, await complaints(key, n));
  const act = (hoursAgo: number, actor: Actor, caseId: string | undefined, action: CaseAction) => (caseId ? actOnCase(at(hoursAgo), actor, caseId, action) : null);

  const zhang = person('zhang-wei');
  const [, compensated, pending] = await open('zhang-wei', 1.5, 3);
  await act(1.2, zhang, compensated, { type: 'acknowledge', note: '已电话联系客户致歉' });
  await act(1, zhang, compensated, { type: 'compensate', amount: 50, currency: 'CNY', kind: 'voucher', note: '赠送 50 元代金券' });
  await act(1.1, zhang, pending, { type: 'note', text: '客户收到的生鲜整箱变质，要求全额退款', contact: true });
  await act(1, zhang, pending, { type: 'compensate', amount: 800, currency: 'CNY', kind: 'refund', note: '整单退款，超出本人权限，申请店长审批' });

  const wang = person('wang-fang');
  const [resolved, acknowledged] = await open('wang-fang', 3, 2);
  await act(0.5, wang, acknowledged, { type: 'acknowledge', note: '已回电，约客户明天到店' });
  await act(2.8, wang, resolved, { type: 'acknowledge' });
  await act(2.5, wang, resolved, { type: 'compensate', amount: 300, currency: 'CNY', kind: 'refund', note: '排队过久，退还部分货款' });
  await act(2, wang, resolved, { type: 'resolve', rootCause: 'service.wait', note: '已退款并增开收银台' });

  const zhao = person('zhao-min');
  const [closed] = await open('zhao-min', 48);
  await act(47, zhao, closed, { type: 'acknowledge' });
  await act(46, zhao, closed, { type: 'compensate', amount: 100, currency: 'CNY', kind: 'voucher' });
  await act(40, zhao, closed, { type: 'resolve', note: '重新配送并致歉' });
  await act(30, person('sun', 'manager'), closed, { type: 'close', rootCause: 'delivery.late' });

  const wu = person('wu-lei');
  const [exempted] = await open('wu-lei', 30);
  await act(29.5, wu, exempted, { type: 'acknowledge' });
  await act(29, wu, exempted, { type: 'exempt', rule: '超出配送范围不送货上门', reason: '客户腿脚不便，超区 2 公里送货到家' });

  await open('liu-yang', 10); // nobody responds: the SLA job escalates it to the store manager
  await escalateBreachedCases(ctx);
  await flagOverdueExemptionReports(ctx);
  const [row] = await ctx.db.tenant(orgId, (tx) => tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases WHERE org_id = $1`, [orgId]));
  return { cases: row!.n };
}

