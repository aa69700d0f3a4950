import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertApiKey } from '../access/index.ts';
import { bearer, buildOrg } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

// Over random unit trees, positions and amounts: no compensation above the actor's authority is ever
// executed without the approval of someone whose authority covers it, and 403 authority_exceeded is
// answered exactly when nobody up the chain can cover it. The chain is modelled here independently:
// a head's manager when set, else the head of the nearest unit above who manages someone.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const KINDS = ['refund', 'voucher', 'upgrade', 'gift'] as const;
type Kind = (typeof KINDS)[number];
interface Pos { limit: number; currency: string; kinds: Kind[] }

const positionArb = fc.record({
  limit: fc.constantFrom(0, 50, 100, 200, 500, 1000, 2000, 5000, 20000),
  currency: fc.constantFrom('CNY', 'CNY', 'CNY', 'USD'),
  kinds: fc.subarray([...KINDS], { minLength: 0 }),
});
/** Unit i > 0 hangs under an earlier unit; its head reports to the parent's head unless `linked` is false. */
const worldArb = fc.integer({ min: 1, max: 6 }).chain((n) =>
  fc.record({
    parents: fc.tuple(...Array.from({ length: n }, (_, i) => (i === 0 ? fc.constant(-1) : fc.integer({ min: 0, max: i - 1 })))),
    linked: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
    heads: fc.array(positionArb, { minLength: n, maxLength: n }),
    actor: fc.record({ unit: fc.integer({ min: 0, max: n - 1 }), position: positionArb }),
    requests: fc.array(
      fc.record({ cents: fc.integer({ min: 1, max: 2_500_000 }), kind: fc.constantFrom(...KINDS), decider: fc.integer({ min: 0, max: n - 1 }), approve: fc.boolean() }),
      { minLength: 1, maxLength: 3 },
    ),
  }),
);

const coversModel = (p: Pos, total: number, currency: string, kind: Kind) => p.currency === currency && p.kinds.includes(kind) && Math.round(total * 100) <= Math.round(p.limit * 100);

describe('authority (property)', () => {
  it('never executes a compensation above the actor’s authority without a covering approver, and refuses exactly when none exists', async () => {
    await fc.assert(
      fc.asyncProperty(worldArb, async (w) => {
        const org = await buildOrg(t.ctx);
        const n = w.parents.length;
        const world = await t.ctx.db.tenant(org.orgId, async (tx) => {
          const q = async (sql: string, params: unknown[]) => (await tx.query<{ id: string }>(sql, params))[0]!.id;
          const units: string[] = [];
          for (let i = 0; i < n; i++) units.push(await q(`INSERT INTO units (org_id, name, kind, parent_id) VALUES ($1, $2, 'team', $3) RETURNING id`, [org.orgId, `u${i}`, i === 0 ? org.rootUnitId : units[w.parents[i]!]]));
          const position = (p: Pos) => q(`INSERT INTO positions (org_id, name, compensation_limit, currency, compensation_types) VALUES ($1, 'p', $2, $3, $4) RETURNING id`, [org.orgId, p.limit, p.currency, p.kinds]);
          const heads: { id: string; key: string }[] = [];
          for (let i = 0; i < n; i++) {
            const manager = i > 0 && w.linked[i] ? heads[w.parents[i]!]!.id : null;
            const id = await q(`INSERT INTO employees (org_id, name, unit_id, position_id, manager_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [org.orgId, `h${i}`, units[i], await position(w.heads[i]!), manager]);
            heads.push({ id, key: (await insertApiKey(t.ctx, tx, null, { role: 'manager', employeeId: id, name: 'k' })).key });
          }
          const actorId = await q(`INSERT INTO employees (org_id, name, unit_id, position_id, manager_id) VALUES ($1, 'actor', $2, $3, $4) RETURNING id`, [org.orgId, units[w.actor.unit], await position(w.actor.position), heads[w.actor.unit]!.id]);
          const actorKey = (await insertApiKey(t.ctx, tx, null, { role: 'employee', employeeId: actorId, name: 'k' })).key;
          const caseId = await q(
            `INSERT INTO cases (org_id, status, priority, source, title, employee_id, owner_id, unit_id, first_response_due_at, resolution_due_at, created_at, updated_at)
             VALUES ($1, 'new', 'high', 'employee', 'p', $2, $2, $3, now(), now(), now(), now()) RETURNING id`,
            [org.orgId, actorId, units[w.actor.unit]],
          );
          return { heads, actorKey, caseId };
        });

        // The model of who is above whom.
        const hasReports = (i: number) => i === w.actor.unit || w.linked.some((l, j) => j > 0 && l && w.parents[j] === i);
        const nextUp = (i: number): number | null => {
          if (i > 0 && w.linked[i]) return w.parents[i]!;
          for (let u = w.parents[i] ?? -1; u >= 0; u = w.parents[u]!) if (hasReports(u)) return u;
          return null;
        };
        const chainAbove = (i: number) => {
          const out: number[] = [];
          for (let u = nextUp(i); u !== null; u = nextUp(u)) out.push(u);
          return out;
        };
        const actorChain = [w.actor.unit, ...chainAbove(w.actor.unit)];

        let total = 0;
        for (const r of w.requests) {
          const amount = r.cents / 100;
          const res = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${world.caseId}/actions`, headers: bearer(world.actorKey), payload: { type: 'compensate', amount, currency: 'CNY', kind: r.kind } });
          if (w.actor.position.currency !== 'CNY') {
            expect([res.statusCode, res.json().error.code]).toEqual([422, 'currency_mismatch']);
            continue;
          }
          const newTotal = total + amount;
          if (coversModel(w.actor.position, newTotal, 'CNY', r.kind)) {
            expect([res.statusCode, res.json().status], res.body).toEqual([200, 'executed']);
            total = newTotal;
            continue;
          }
          const approver = actorChain.find((u) => coversModel(w.heads[u]!, newTotal, 'CNY', r.kind));
          if (approver === undefined) {
            expect([res.statusCode, res.json().error?.code], res.body).toEqual([403, 'authority_exceeded']);
            continue;
          }
          expect([res.statusCode, res.json().status], res.body).toEqual([202, 'pending']);
          const [row] = await t.ctx.db.tenant(org.orgId, (tx) => tx.query<{ approver_id: string }>(`SELECT approver_id FROM approval_requests WHERE id = $1`, [res.json().approvalId]));
          expect(row!.approver_id).toBe(world.heads[approver]!.id);

          const decision = await t.app.inject({
            method: 'POST', url: `/api/v1/approvals/${res.json().approvalId}/decision`, headers: bearer(world.heads[r.decider]!.key), payload: { decision: r.approve ? 'approve' : 'reject' },
          });
          const isEligible = r.decider === approver || chainAbove(approver).includes(r.decider);
          if (!isEligible) expect([403, 404], decision.body).toContain(decision.statusCode);
          else if (!r.approve) expect(decision.json().status).toBe('rejected');
          else if (coversModel(w.heads[r.decider]!, newTotal, 'CNY', r.kind)) {
            expect(decision.json().status, decision.body).toBe('approved');
            total = newTotal;
          } else expect([decision.statusCode, decision.json().error.code]).toEqual([403, 'authority_exceeded']);
        }

        // The ledger itself: every executed grant is covered by its granter or by an approver who covered it.
        const ledger = await t.ctx.db.tenant(org.orgId, (tx) =>
          tx.query<{ amount: string; kind: Kind; approval_id: string | null; approved_by: string | null }>(`SELECT amount::text, kind, approval_id, approved_by FROM compensations WHERE case_id = $1`, [world.caseId]),
        );
        const sum = ledger.reduce((s, l) => s + Math.round(Number(l.amount) * 100), 0) / 100;
        expect(sum).toBeCloseTo(total, 2);
        for (const l of ledger) {
          if (l.approval_id === null) expect(coversModel(w.actor.position, Number(l.amount), 'CNY', l.kind)).toBe(true);
          else {
            const by = world.heads.findIndex((h) => h.id === l.approved_by);
            expect(by).toBeGreaterThanOrEqual(0);
            expect(coversModel(w.heads[by]!, Number(l.amount), 'CNY', l.kind)).toBe(true);
          }
        }
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS) || 30 },
    );
  });
});
