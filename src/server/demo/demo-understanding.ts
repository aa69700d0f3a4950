/**
 * Seeds the demo's metric tree and strategic goals: a company NPS KPI with its
 * industry rank, company CSAT, first-contact resolution and resolution time
 * for the East China region, the Xuhui store's scorecard (with its
 * mystery-shopping score, audit_score, from demo-audit.ts), front-desk script
 * compliance as a manual position KPI with monthly audit values, and goals
 * such as "customer satisfaction in the industry top 3 within 3 years".
 */
import type { CreateKpi } from '../../contracts/dashboards.ts';
import type { Actor } from '../platform/actor.ts';
import { DAY } from '../platform/clock.ts';
import type { AppContext } from '../platform/context.ts';
import { insertGoal, insertKpi, insertKpiValue } from '../modules/dashboards/index.ts';
import { DEMO_POSITIONS, DEMO_UNITS } from './demo-org.ts';

/** Writes the KPIs, manual values and goals in one transaction; `employeeIds` maps demo keys to ids. */
export async function seedUnderstanding(ctx: AppContext, admin: Actor, employeeIds: Map<string, string>): Promise<{ kpis: number; goals: number }> {
  const now = ctx.clock.now().getTime();
  const day = (offsetDays: number) => new Date(now + offsetDays * DAY).toISOString().slice(0, 10);
  const yearEnd = `${new Date(now).getUTCFullYear()}-12-31`;
  return ctx.db.tenant(admin.orgId, async (tx) => {
    const units = new Map(
      (await tx.query<{ id: string; name_en: string }>(`SELECT id, name_en FROM units WHERE org_id = $1`, [admin.orgId])).map((u) => [u.name_en, u.id]),
    );
    const positions = new Map(
      (await tx.query<{ id: string; name_en: string }>(`SELECT id, name_en FROM positions WHERE org_id = $1`, [admin.orgId])).map((p) => [p.name_en, p.id]),
    );
    const unit = (key: string) => units.get(DEMO_UNITS.find((u) => u.key === key)!.nameEn)!;
    const position = (key: string) => positions.get(DEMO_POSITIONS.find((p) => p.key === key)!.nameEn)!;
    const person = (key: string) => employeeIds.get(key)!;
    let kpis = 0;
    const kpi = async (input: CreateKpi) => {
      kpis++;
      return insertKpi(ctx, tx, admin, input);
    };

    const companyNps = await kpi({
      level: 'company', name: '公司净推荐值', nameEn: 'Company NPS', metric: 'nps', target: 20, baseline: -10, weight: 40,
      ownerId: person('lin'), deadline: yearEnd, periodDays: 90,
      note: '行业排名第 5（2025 零售业 NPS 基准：第 3 名 18）/ Industry rank 5 (2025 retail NPS benchmark: rank 3 is at 18)',
    });
    const companyCsat = await kpi({ level: 'company', name: '公司客户满意度', nameEn: 'Company CSAT', metric: 'csat', target: 4.5, baseline: 3.5, weight: 30, ownerId: person('lin'), deadline: yearEnd });
    const companySentiment = await kpi({ level: 'company', name: '客户情感指数', nameEn: 'Customer sentiment index', metric: 'sentiment', target: 0.4, baseline: 0, weight: 30, ownerId: person('he'), deadline: yearEnd });
    const eastFcr = await kpi({
      level: 'department', parentId: companyNps, name: '华东首次解决率', nameEn: 'East China first-contact resolution', metric: 'fcr', unitId: unit('east'),
      target: 85, baseline: 60, weight: 50, ownerId: person('zhou'), deadline: yearEnd,
    });
    await kpi({ level: 'department', parentId: companyNps, name: '华东平均解决时长', nameEn: 'East China average resolution time', metric: 'resolution_time', unitId: unit('east'), target: 60, baseline: 180, weight: 50, ownerId: person('zhou'), deadline: yearEnd });
    await kpi({ level: 'department', parentId: companyNps, name: '华南首次解决率', nameEn: 'South China first-contact resolution', metric: 'fcr', unitId: unit('south'), target: 85, baseline: 60, weight: 100, ownerId: person('huang'), deadline: yearEnd });
    // The Xuhui store's scorecard: weights add up to 100.
    await kpi({ level: 'department', parentId: companyNps, name: '徐汇门店净推荐值', nameEn: 'Xuhui store NPS', metric: 'nps', unitId: unit('xuhui'), target: 50, baseline: 0, weight: 35, ownerId: person('chen'), deadline: yearEnd });
    await kpi({ level: 'department', parentId: companyCsat, name: '徐汇门店满意度', nameEn: 'Xuhui store CSAT', metric: 'csat', unitId: unit('xuhui'), target: 4.5, baseline: 3.5, weight: 25, ownerId: person('chen'), deadline: yearEnd });
    await kpi({ level: 'department', parentId: eastFcr, name: '徐汇门店首次解决率', nameEn: 'Xuhui store first-contact resolution', metric: 'fcr', unitId: unit('xuhui'), target: 85, baseline: 60, weight: 15, ownerId: person('chen'), deadline: yearEnd });
    // Mystery-shopping visits of the store and its delivery team (demo-audit.ts, seeded later: the value is read
    // when the KPI is); over 90 days, about five visits, as one a month is too few to steer by.
    await kpi({
      level: 'department', parentId: companyCsat, name: '徐汇门店神秘顾客得分', nameEn: 'Xuhui store mystery-shopping score', metric: 'audit_score', unitId: unit('xuhui'),
      target: 90, baseline: 70, weight: 15, periodDays: 90, ownerId: person('chen'), deadline: yearEnd, note: '门店、热线与配送的神秘顾客检查，占清单满分的百分比 / Store, hotline and delivery visits, % of the checklist’s maximum',
    });
    const script = await kpi({
      level: 'position', parentId: eastFcr, name: '前台服务话术合规率', nameEn: 'Front-desk script compliance', metric: 'manual', unitId: unit('xuhui'), positionId: position('front-desk'),
      target: 95, baseline: 70, weight: 10, ownerId: person('wang-fang'), deadline: yearEnd, note: '每月录音抽检 50 通 / 50 recorded calls audited monthly',
    });
    for (const [monthsAgo, value] of [[5, 78], [4, 81], [3, 84], [2, 86], [1, 89], [0, 91]] as const) {
      await insertKpiValue(ctx, tx, admin, script, { value, recordedOn: day(-monthsAgo * 30 - 1), note: `录音抽检 ${value}% 合规 / ${value}% compliant in the audit` });
    }

    const goals = [
      {
        title: '三年内客户满意度进入行业前三', titleEn: 'Customer satisfaction in the industry top 3 within 3 years', ownerId: person('lin'),
        description: '以净推荐值和满意度衡量；当前行业第 5。/ Measured by NPS and CSAT; rank 5 today.', startDate: day(-365), deadline: day(2 * 365), kpiIds: [companyNps, companyCsat],
      },
      { title: '年底华东首次解决率达到 85%', titleEn: 'East China first-contact resolution at 85 % by year end', ownerId: person('zhou'), startDate: day(-120), deadline: yearEnd, kpiIds: [eastFcr] },
      { title: '让客户的声音被听见：情感指数转正并持续上升', titleEn: 'Make the customer heard: a positive, rising sentiment index', ownerId: person('he'), startDate: day(-180), deadline: day(185), kpiIds: [companySentiment] },
      { title: '每位员工每季度参与一次客户之声复盘', titleEn: 'Every employee joins a voice-of-customer review each quarter', ownerId: person('lin'), startDate: day(-60), deadline: day(305), progress: 35 },
    ];
    for (const g of goals) await insertGoal(ctx, tx, admin, g);
    return { kpis, goals: goals.length };
  });
}
