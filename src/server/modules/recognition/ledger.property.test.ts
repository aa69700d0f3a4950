import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/actor.ts';
import { AppError } from '../../platform/errors.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { appendLedgerEntry } from './points.ledger.ts';
import { reverseEntry } from './points.service.ts';
import { decideRedemption, requestRedemption } from './rewards.service.ts';
import { buildRecognitionFixture, type RecognitionFixture } from './recognition.fixtures.ts';

let t: TestApp;
let f: RecognitionFixture;
let rewardIds: string[];

beforeAll(async () => {
  t = await createTestApp();
  f = await buildRecognitionFixture(t);
  rewardIds = [];
  for (const cost of [5, 25, 60]) {
    const res = await f.send(f.org.adminKey, 'POST', '/api/v1/rewards', { name: `奖励 ${cost}`, nameEn: `Reward ${cost}`, kind: 'gift', cost });
    rewardIds.push(res.json().id);
  }
});
afterAll(() => t.close());

type Op =
  | { kind: 'award'; who: number; points: number; source: number }
  | { kind: 'reverse'; pick: number }
  | { kind: 'redeem'; who: number; reward: number }
  | { kind: 'decide'; pick: number; approve: boolean };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('award' as const), who: fc.nat(2), points: fc.integer({ min: 1, max: 80 }), source: fc.nat(15) }),
  fc.record({ kind: fc.constant('reverse' as const), pick: fc.nat(1000) }),
  fc.record({ kind: fc.constant('redeem' as const), who: fc.nat(2), reward: fc.nat(2) }),
  fc.record({ kind: fc.constant('decide' as const), pick: fc.nat(1000), approve: fc.boolean() }),
);

describe('points ledger (property)', () => {
  it('always sums to every balance, whatever awards (repeated sources included), reversals and redemptions happen', async () => {
    const people = [f.people.courier, f.people.clerk, f.people.storeManager];
    const admin: Actor = { orgId: f.org.orgId, kind: 'api_key', id: 'property-admin', role: 'admin', employeeId: null };
    const asEmployee = (id: string): Actor => ({ orgId: f.org.orgId, kind: 'api_key', id: `key-${id}`, role: 'employee', employeeId: id });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 25 }), async (ops) => {
        run += 1;
        for (const op of ops) {
          try {
            if (op.kind === 'award') {
              // Sources repeat within a run: the second award of a source must be a no-op.
              await t.ctx.db.tenant(f.org.orgId, (tx) =>
                appendLedgerEntry(tx, t.clock, { employeeId: people[op.who]!.id, delta: op.points, reason: 'praise', sourceType: 'praise', sourceId: `run${run}-src${op.source}` }),
              );
            } else if (op.kind === 'reverse') {
              const entries = await f.query<{ id: string }>(`SELECT id::text FROM points_ledger WHERE source_type IN ('praise', 'manual') ORDER BY id`);
              if (entries.length) await reverseEntry(t.ctx, admin, entries[op.pick % entries.length]!.id, 'correction');
            } else if (op.kind === 'redeem') {
              await requestRedemption(t.ctx, asEmployee(people[op.who]!.id), { rewardId: rewardIds[op.reward]! });
            } else {
              const pending = await f.query<{ id: string }>(`SELECT id FROM redemptions WHERE status = 'pending' ORDER BY requested_at, id`);
              if (pending.length) await decideRedemption(t.ctx, admin, pending[op.pick % pending.length]!.id, op.approve ? 'approve' : 'reject');
            }
          } catch (error) {
            // Refusals are part of the game (short balance, already reversed); anything else is a bug.
            if (!(error instanceof AppError) || error.status >= 500) throw error;
          }
        }
        const mismatches = await f.query(
          `SELECT b.employee_id, b.balance, coalesce((SELECT sum(delta) FROM points_ledger l WHERE l.employee_id = b.employee_id), 0)::int AS total
             FROM points_balances b WHERE b.balance <> coalesce((SELECT sum(delta) FROM points_ledger l WHERE l.employee_id = b.employee_id), 0)`,
        );
        expect(mismatches).toEqual([]);
        const [dupes] = await f.query<{ n: number }>(`SELECT count(*)::int AS n FROM (SELECT 1 FROM points_ledger GROUP BY source_type, source_id HAVING count(*) > 1) d`);
        expect(dupes!.n).toBe(0);
      }),
      { numRuns: 20 },
    );
  });
});
