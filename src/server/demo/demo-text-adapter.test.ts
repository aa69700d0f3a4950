import { afterAll, beforeAll, expect, it } from 'vitest';
import { insertApiKey } from '../modules/access/index.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { seedDemo } from './seed-demo.ts';

let t: TestApp;
let orgId: string;
beforeAll(async () => {
  t = await createTestApp();
  orgId = (await seedDemo(t.ctx)).orgId;
}, 120_000);
afterAll(() => t.close());

const adapterRows = () => t.ctx.db.tenant(orgId, (tx) => tx.query<{ is_active: boolean; trained_by: string }>(`SELECT is_active, trained_by FROM text_adapters`));

it('trains the demo organisation’s own sentiment model once its seeded comments are analysed, and it beats the shared one', async () => {
  // Before the outbox has analysed the comments, the training waits instead of learning from a few.
  await t.ctx.jobs.runDue();
  expect(await adapterRows()).toEqual([]);
  await t.ctx.events.drain();
  t.clock.advance(20_000);
  await t.ctx.jobs.runDue();
  expect(await adapterRows()).toEqual([{ is_active: true, trained_by: 'nightly' }]);
  const { key } = await t.ctx.db.tenant(orgId, (tx) => insertApiKey(t.ctx, tx, null, { role: 'admin', name: 'probe' }));
  const status = (await t.app.inject({ url: '/api/v1/text/adapter', headers: { authorization: `Bearer ${key}` } })).json();
  console.log('demo organisation, held out:', JSON.stringify(status.heldOut));
  expect(status).toMatchObject({ status: 'active', needed: 500 });
  expect(status.labelled).toBeGreaterThanOrEqual(500);
  expect(status.heldOut.adapterAccuracy).toBeGreaterThan(status.heldOut.sharedAccuracy);
}, 120_000);
