/**
 * Seeds the demo's frontline: cases employees captured for customers they met (one handed to a colleague),
 * cases waiting in store queues for someone to claim, hard-case flags, and support requests between demo
 * people, so the capture, queue, support and case-load pages have something to show. The Xuhui delivery
 * team makes five requests, enough for its count to pass the summary's minimum group; every other unit
 * stays hidden. Everything goes through the modules' services as the people themselves.
 */
import type { Actor } from '../platform/actor.ts';
import { HOUR, type Clock } from '../platform/clock.ts';
import type { AppContext } from '../platform/context.ts';
import { actOnCase, captureCase } from '../modules/cases/index.ts';
import { createSupportRequest, flagHardCase, updateSupportRequest } from '../modules/support/index.ts';
import type { CaptureCase } from '../../contracts/cases.ts';
import type { CreateSupportRequest } from '../../contracts/support.ts';

export interface FrontlineCounts {
  captured: number;
  queued: number;
  supportRequests: number;
}

export async function seedFrontline(ctx: AppContext, orgId: string, unitIds: Map<string, string>, employeeIds: Map<string, string>): Promise<FrontlineCounts> {
  const base = ctx.clock.now().getTime();
  const at = (hoursAgo: number): AppContext => ({ ...ctx, clock: { now: () => new Date(base - hoursAgo * HOUR) } satisfies Clock });
  // A signed-in person: care records refuse API keys, so the seed acts as each person's own login would.
  const as = (key: string, role: Actor['role'] = 'employee'): Actor => ({ orgId, kind: 'user', id: `demo-${key}`, role, employeeId: employeeIds.get(key)! });
  const id = (key: string) => employeeIds.get(key)!;
  const customers = (
    await ctx.db.tenant(orgId, (tx) =>
      tx.query<{ id: string }>(`SELECT DISTINCT customer_id AS id FROM interactions WHERE org_id = $1 AND customer_id IS NOT NULL ORDER BY customer_id LIMIT 6`, [orgId]),
    )
  ).map((r) => r.id);
  let n = 0;
  const nextCustomer = (): Pick<CaptureCase, 'customerId' | 'customer'> =>
    customers.length ? { customerId: customers[n++ % customers.length]! } : { customer: { name: `顾客 ${++n}` } };
  const capture = async (hoursAgo: number, key: string, input: Omit<CaptureCase, 'priority'> & { priority?: CaptureCase['priority'] }, role: Actor['role'] = 'employee') =>
    (await captureCase(at(hoursAgo), as(key, role), { priority: 'medium', ...input })).id;

  // Captured by the people who met the customer.
  const broken = await capture(5, 'zhang-wei', { ...nextCustomer(), priority: 'high', touchpoint: '送货上门', description: '客户开箱发现玻璃杯碎了一只，外箱有明显压痕。\nCustomer found a broken glass; the box was crushed.' });
  const shouted = await capture(3, 'zhang-wei', { ...nextCustomer(), priority: 'high', touchpoint: '送货上门', description: '客户因晚到 40 分钟在门口大声辱骂，要求赔偿并投诉。\nThe customer shouted at me for ten minutes about a 40-minute delay.' });
  await capture(2, 'wang-fang', { ...nextCustomer(), touchpoint: '收银台', description: '两位顾客反映收银台排队超过 20 分钟，只开了一个收银台。\nTwo customers said the checkout queue took over 20 minutes.' });
  await capture(26, 'li-na', { customer: { name: '赵先生', phone: '13761234567' }, touchpoint: '门店', description: '顾客想把昨天买的外套换大一号，但尺码缺货，希望送货上门。\nWants a larger size delivered; out of stock in store.', ownerId: id('zhang-wei') });
  await capture(30, 'liu-yang', { ...nextCustomer(), priority: 'urgent', touchpoint: '送货上门', description: '冷链包裹超时 3 小时，客户情绪激动，已多次升级。\nCold-chain parcel three hours late; escalated several times.' });
  await actOnCase(at(4), as('zhang-wei'), broken, { type: 'acknowledge', note: '已拍照留证，联系仓库补发' });

  // Waiting to be claimed: two in the Pudong store's queue, one in Xuhui's, one in the Xuhui delivery team's.
  const queued = [
    await capture(6, 'zhao-min', { ...nextCustomer(), touchpoint: '门店', unitId: unitIds.get('pudong'), description: '意见箱留言：试衣间太少，周末要排很久。\nComment card: too few fitting rooms at weekends.' }),
    await capture(1, 'wu-lei', { customer: { name: '钱女士', phone: '13588886666' }, touchpoint: '电话', unitId: unitIds.get('pudong'), priority: 'high', description: '顾客来电：会员积分两周未到账，希望有人回电。\nMember points missing for two weeks; asks for a call back.' }),
    await capture(2, 'li-na', { ...nextCustomer(), touchpoint: '门店', unitId: unitIds.get('xuhui'), description: '顾客建议增加自助寄存柜。\nA customer suggests self-service lockers.' }),
    await capture(1.5, 'chen', { ...nextCustomer(), touchpoint: '送货上门', unitId: unitIds.get('xuhui-delivery'), priority: 'high', description: '小区门禁更换，快递员进不去，客户希望约定固定交接点。\nNew gate system; customer wants a fixed hand-over point.' }, 'manager'),
  ];

  // Hard-case flags, seen by their authors alone.
  await flagHardCase(at(2.5), as('zhang-wei'), { caseId: shouted, reason: 'abusive_customer' });
  const [coldChain] = await ctx.db.tenant(orgId, (tx) =>
    tx.query<{ id: string }>(`SELECT id FROM cases WHERE org_id = $1 AND source = 'employee' AND priority = 'urgent' AND employee_id = $2`, [orgId, id('liu-yang')]),
  );
  if (coldChain) await flagHardCase(at(20), as('liu-yang'), { caseId: coldChain.id, reason: 'long_escalation' });

  // Support requests: five from the Xuhui delivery team (its count shows), two from the Xuhui store (hidden).
  const ask = (hoursAgo: number, key: string, input: CreateSupportRequest) => createSupportRequest(at(hoursAgo), as(key), input);
  const talk = await ask(2.4, 'zhang-wei', { kind: 'talk', caseId: shouted, supporterId: id('chen'), note: '刚才那位客户骂得很难听，想找人说说。' });
  await updateSupportRequest(at(2.2), as('chen', 'manager'), talk.id, { status: 'accepted' });
  await ask(2.3, 'zhang-wei', { kind: 'break', note: '下一单前休息 15 分钟。' });
  await ask(20, 'liu-yang', { kind: 'talk', caseId: coldChain?.id, supporterId: id('zhang-wei'), note: '冷链那单一直被催，心里很乱。' });
  await ask(48, 'liu-yang', { kind: 'counselling', supporterId: id('chen') });
  await ask(72, 'liu-yang', { kind: 'break' });
  await ask(6, 'wang-fang', { kind: 'talk', supporterId: id('chen'), note: '这周排队投诉特别多，想聊聊怎么排班。' });
  await ask(30, 'li-na', { kind: 'talk', supporterId: id('wang-fang'), note: '想请教怎么应对情绪激动的顾客。' });
  return { captured: 5 + queued.length, queued: queued.length, supportRequests: 7 };
}
