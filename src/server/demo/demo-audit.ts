/**
 * The demo's experience audit and mystery shopping. The baseline audit (about four months ago) and its
 * re-audit three months later go through the audit module as the CXO at the time they happened (a shifted
 * clock, like demo-governance.ts), with evidence, a photo and a PDF, owners and due dates for every gap, and
 * two gaps turned into improvement projects. Six months of mystery-shopping visits across the five stores
 * (store visits, hotline calls, deliveries; about two in five by external shoppers through their one-time
 * links) are written in one transaction, since each is a finished record; their scores improve slowly,
 * Pudong lags, and complaint handling is the usual weak point. Three visits are still planned.
 */
import type { Actor } from '../platform/actor.ts';
import { DAY, type Clock } from '../platform/clock.ts';
import type { AppContext } from '../platform/context.ts';
import { randomToken, sha256 } from '../platform/secrets.ts';
import { addAttachment, AUDIT_TEMPLATES, completeAudit, createAudit, issueShopperLink, makeGapImprovement, scorePercent, updateAuditItem } from '../modules/audit/index.ts';
import { FINDINGS, GAP_PROJECTS, VISIT_NOTES } from './demo-audit.data.ts';
import { mulberry32, type Rng } from './demo-random.ts';

/** A 1×1 PNG and a one-page PDF: real files of the accepted types for the evidence. */
const PHOTO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const REPORT = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

const STORES = ['xuhui', 'pudong', 'xihu', 'tianhe', 'nanshan'] as const;
const STORE_QUALITY: Record<(typeof STORES)[number], number> = { xuhui: 0.5, pudong: -0.8, xihu: 0.2, tianhe: 0, nanshan: 0.3 };
/** Who checks each store in person: its regional manager, or the CX analyst. */
const LEADERS: Record<(typeof STORES)[number], string[]> = { xuhui: ['zhou', 'he'], pudong: ['zhou', 'he'], xihu: ['zhou'], tianhe: ['huang', 'he'], nanshan: ['huang'] };
const DELIVERY_TEAMS: Partial<Record<(typeof STORES)[number], string>> = { xuhui: 'xuhui-delivery', pudong: 'pudong-delivery', tianhe: 'tianhe-delivery' };
const ITEM_EFFECT: Record<string, number> = { complaint_handling: -0.9, wait_time: -0.4, needs_discovery: -0.2, on_time: -0.5, accuracy: -0.3 };

export interface AuditCounts {
  audits: number;
  visits: number;
}

/** Writes the audit demo; `unitIds` and `employeeIds` map demo keys to ids. */
export async function seedAudit(ctx: AppContext, orgId: string, unitIds: ReadonlyMap<string, string>, employeeIds: ReadonlyMap<string, string>): Promise<AuditCounts> {
  const base = ctx.clock.now().getTime();
  const moment = (daysAgo: number, utcHour: number) => {
    const d = new Date(base - daysAgo * DAY);
    d.setUTCHours(utcHour, 0, 0, 0);
    return new Date(Math.min(d.getTime(), base));
  };
  const at = (when: Date): AppContext => ({ ...ctx, clock: { now: () => when } satisfies Clock });
  const person = (key: string) => employeeIds.get(key)!;
  const cxo: Actor = { orgId, kind: 'api_key', id: 'demo', role: 'admin', employeeId: person('lin') };
  const dueIn = (from: number, days: number) => moment(from - days, 4).toISOString().slice(0, 10);

  // The baseline: 125 days ago, completed a week later.
  const baseline = await createAudit(at(moment(125, 2)), cxo, { templateKey: 'experience-audit', title: '全渠道体验审计 · 基线', ownerId: person('lin'), dueAt: dueIn(125, 7) });
  for (const [key, f] of Object.entries(FINDINGS)) {
    const gap = f.baseline <= 2 && f.owner ? { ownerId: person(f.owner), dueAt: dueIn(118, 60 + 15 * (key.length % 3)) } : {};
    await updateAuditItem(at(moment(121, 3)), cxo, baseline.id, key, { score: f.baseline, evidence: { text: f.evidence ?? '', links: f.links ?? [] }, ...gap });
  }
  await addAttachment(at(moment(121, 4)), cxo, baseline.id, 'channel_returns', PHOTO, '退货柜台排队.png');
  await addAttachment(at(moment(121, 4)), cxo, baseline.id, 'channel_delivery', REPORT, '晚高峰配送准时率.pdf');
  await completeAudit(at(moment(118, 8)), cxo, baseline.id, { notes: '渠道与触点是最大短板：配送、退换货、热线都低于 2 分。先从配送和退换货入手。' });
  for (const key of GAP_PROJECTS) await makeGapImprovement(at(moment(117, 3)), cxo, baseline.id, key);

  // The re-audit three months later.
  const again = await createAudit(at(moment(32, 2)), cxo, { templateKey: 'experience-audit', baselineAuditId: baseline.id, title: '全渠道体验审计 · 复审', ownerId: person('he'), dueAt: dueIn(32, 7) });
  for (const [key, f] of Object.entries(FINDINGS)) {
    const gap = f.reaudit <= 2 && f.owner ? { ownerId: person(f.owner), dueAt: dueIn(26, 45 + 15 * (key.length % 3)) } : {};
    await updateAuditItem(at(moment(28, 3)), cxo, again.id, key, { score: f.reaudit, evidence: { text: f.evidence ?? '', links: f.links ?? [] }, ...gap });
  }
  await completeAudit(at(moment(26, 8)), cxo, again.id, { notes: '配送与退换货明显改善；热线、地图信息和 X/O 数据打通仍是差距。' });

  const visits = await seedVisits(ctx, orgId, unitIds, person, moment);
  return { audits: 2, visits };
}

type Moment = (daysAgo: number, utcHour: number) => Date;

/** A visit's item scores: the store's level, a slow improvement, the item's own difficulty and noise. */
function scoresFor(rng: Rng, keys: string[], quality: number, monthsIn: number): number[] {
  return keys.map((k) => Math.max(0, Math.min(4, Math.round(2.6 + quality + 0.12 * monthsIn + (ITEM_EFFECT[k] ?? 0) + rng.normal() * 0.7))));
}

async function seedVisits(ctx: AppContext, orgId: string, unitIds: ReadonlyMap<string, string>, person: (key: string) => string, moment: Moment): Promise<number> {
  const rng = mulberry32(61);
  const template = (key: string) => AUDIT_TEMPLATES.find((t) => t.key === key)!;
  const plan: Array<{ key: string; unit: string; store: (typeof STORES)[number]; daysAgo: number }> = [];
  for (const [i, store] of STORES.entries()) {
    for (let month = 0; month < 6; month++) plan.push({ key: 'mystery-store', unit: store, store, daysAgo: 10 + 30 * month + 4 * i + rng.int(0, 5) });
    if (i % 2 === 0) for (const daysAgo of [40, 130]) plan.push({ key: 'mystery-phone', unit: store, store, daysAgo: daysAgo + i });
    const team = DELIVERY_TEAMS[store];
    if (team) for (const daysAgo of [25, 85, 150]) plan.push({ key: 'mystery-delivery', unit: team, store, daysAgo: daysAgo + 2 * i });
  }
  const now = ctx.clock.now();
  await ctx.db.tenant(orgId, async (tx) => {
    for (const v of plan) {
      const t = template(v.key);
      const keys = t.items.map((i) => i.key);
      const completedAt = moment(v.daysAgo, rng.int(2, 12));
      const scores = scoresFor(rng, keys, STORE_QUALITY[v.store], (180 - v.daysAgo) / 30);
      const byShopper = rng.next() < 0.4;
      const leader = person(rng.pick(LEADERS[v.store]));
      const notes = keys.map((k, i) => (scores[i]! <= 1 && VISIT_NOTES[k] ? rng.pick(VISIT_NOTES[k]!) : ''));
      const issuedAt = new Date(completedAt.getTime() - 5 * DAY);
      const [row] = await tx.query<{ id: string }>(
        `INSERT INTO experience_audits (org_id, kind, template_key, checklist, unit_id, touchpoint, owner_id, due_at, status, conducted_by, score_pct, completed_at,
           link_token_hash, link_expires_at, link_issued_at, created_at)
         VALUES ($1, 'mystery', $2, $3, $4, $5, $6, $7, 'completed', $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
        [
          orgId,
          t.key,
          JSON.stringify({ areas: t.areas, items: t.items }),
          unitIds.get(v.unit),
          t.touchpoint,
          byShopper ? null : leader,
          completedAt.toISOString().slice(0, 10),
          byShopper ? 'shopper' : 'leader',
          scorePercent(scores),
          completedAt,
          byShopper ? sha256(randomToken(32)) : null,
          byShopper ? new Date(issuedAt.getTime() + 14 * DAY) : null,
          byShopper ? issuedAt : null,
          new Date(completedAt.getTime() - 7 * DAY),
        ],
      );
      await tx.query(
        `INSERT INTO experience_audit_items (org_id, audit_id, item_key, area, position, score, evidence, updated_at)
         SELECT $1, $2, x.key, x.area, x.position, x.score, x.note, $3 FROM jsonb_to_recordset($4::jsonb) AS x(key text, area text, position int, score int, note text)`,
        [orgId, row!.id, completedAt, JSON.stringify(t.items.map((item, position) => ({ key: item.key, area: item.area, position, score: scores[position], note: notes[position] })))],
      );
    }
  });

  // Still to do: a shopper's visit with its link out, a leader's store visit and a delivery check.
  const cxo: Actor = { orgId, kind: 'api_key', id: 'demo', role: 'admin', employeeId: person('lin') };
  const soon = (days: number) => new Date(now.getTime() + days * DAY).toISOString().slice(0, 10);
  const shopperVisit = await createAudit(ctx, cxo, { templateKey: 'mystery-store', unitId: unitIds.get('nanshan')!, dueAt: soon(5) });
  await issueShopperLink(ctx, cxo, shopperVisit.id, 10, 'http://localhost');
  await createAudit(ctx, cxo, { templateKey: 'mystery-store', unitId: unitIds.get('pudong')!, ownerId: person('zhou'), dueAt: soon(3) });
  await createAudit(ctx, cxo, { templateKey: 'mystery-delivery', unitId: unitIds.get('pudong-delivery')!, ownerId: person('he'), dueAt: soon(9) });
  return plan.length;
}
