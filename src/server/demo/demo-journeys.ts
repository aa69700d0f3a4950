/**
 * The demo's two customer journeys, built from the touchpoints its interactions
 * and answers already use, so every card of the journey map has figures:
 * home delivery (order in the mini program, delivery, after-sales hotline) and
 * in-store shopping (checkout, hotline, reordering online). The delivery and
 * the checkout are the moments that matter; the rest should be effortless.
 */
import type { AppContext } from '../platform/context.ts';
import { insertJourney } from '../modules/journeys/index.ts';

const name = (zh: string, en: string) => ({ 'zh-CN': zh, en });

export const DEMO_JOURNEYS = [
  {
    name: name('配送到家', 'Home delivery'),
    stages: [
      { key: 'order', name: name('线上下单', 'Order online'), touchpoints: [{ touchpoint: 'mini_program', label: name('小程序下单', 'Mini program'), kind: 'routine' as const }] },
      { key: 'delivery', name: name('送货上门', 'Delivery'), touchpoints: [{ touchpoint: 'home_delivery', label: name('配送上门', 'Home delivery'), kind: 'moment' as const }] },
      { key: 'after-sales', name: name('售后服务', 'After-sales'), touchpoints: [{ touchpoint: 'hotline', label: name('客服热线', 'Customer hotline'), kind: 'routine' as const }] },
    ],
  },
  {
    name: name('门店购物', 'In-store shopping'),
    stages: [
      { key: 'shop', name: name('到店选购结账', 'Shop and check out'), touchpoints: [{ touchpoint: 'store_checkout', label: name('门店收银', 'Store checkout'), kind: 'moment' as const }] },
      { key: 'support', name: name('咨询与售后', 'Questions and support'), touchpoints: [{ touchpoint: 'hotline', label: name('客服热线', 'Customer hotline'), kind: 'routine' as const }] },
      { key: 'reorder', name: name('线上复购', 'Reorder online'), touchpoints: [{ touchpoint: 'mini_program', label: name('小程序下单', 'Mini program'), kind: 'routine' as const }] },
    ],
  },
];

/** Writes the demo journeys (default targets) for a freshly created demo organisation. */
export async function seedJourneys(ctx: AppContext, orgId: string): Promise<void> {
  await ctx.db.tenant(orgId, async (tx) => {
    for (const journey of DEMO_JOURNEYS) await insertJourney(ctx, tx, orgId, journey);
  });
}
