import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildEmployeeWithKey, buildOrg, type TestOrg } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

let t: TestApp;
let org: TestOrg;
let store: string;
let clerk: string;

beforeAll(async () => {
  t = await createTestApp();
  org = await buildOrg(t.ctx);
  store = (await post(org.adminKey, '/api/v1/units', { name: '徐汇门店', parentId: org.rootUnitId, kind: 'store' })).json().id;
  clerk = (await post(org.adminKey, '/api/v1/employees', { name: '张伟', unitId: store, positionId: org.positionId })).json().id;
});
afterAll(() => t.close());

const post = (key: string, url: string, payload: unknown) => t.app.inject({ method: 'POST', url, headers: bearer(key), payload: payload as object });
const get = (key: string, url: string) => t.app.inject({ method: 'GET', url, headers: bearer(key) });

const interaction = (over: Record<string, unknown> = {}) => ({
  type: 'delivery',
  channel: 'app',
  touchpoint: '送货上门',
  unitId: store,
  employeeId: clerk,
  amount: 128.5,
  occurredAt: '2026-01-05T09:30:00+08:00',
  ...over,
});

async function customer(externalId: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await post(org.adminKey, '/api/v1/customers', { externalId, name: `客户 ${externalId}`, ...extra });
  expect([200, 201]).toContain(res.statusCode);
  return res.json().id;
}

async function outbox(name: string): Promise<Array<{ payload: Record<string, unknown> }>> {
  return t.ctx.db.tenant(org.orgId, (tx) => tx.query(`SELECT payload FROM outbox_events WHERE name = $1 ORDER BY id`, [name]));
}

describe('customers', () => {
  it('creates a customer and upserts by externalId, keeping fields not sent and merging attributes', async () => {
    const first = await post(org.adminKey, '/api/v1/customers', {
      externalId: 'C-1',
      name: '李娜',
      email: 'li.na@example.com',
      segment: 'gold',
      value: 5200,
      attributes: { city: '上海', vip: true },
    });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ externalId: 'C-1', name: '李娜', segment: 'gold', value: 5200, attributes: { city: '上海', vip: true } });

    const again = await post(org.adminKey, '/api/v1/customers', { externalId: 'C-1', segment: 'platinum', attributes: { tier: 3 } });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: first.json().id, name: '李娜', email: 'li.na@example.com', segment: 'platinum' });
    expect(again.json().attributes).toEqual({ city: '上海', vip: true, tier: 3 });
    expect((await get(org.adminKey, `/api/v1/customers/${first.json().id}`)).json().segment).toBe('platinum');
    expect((await get(org.adminKey, '/api/v1/customers?externalId=C-1')).json().items.map((c: { id: string }) => c.id)).toEqual([first.json().id]);
  });

  it('refuses a customer with nothing to know them by, a bad e-mail and a negative value', async () => {
    for (const body of [{ segment: 'gold' }, { name: 'x', email: 'not-mail' }, { name: 'x', value: -1 }]) {
      const res = await post(org.adminKey, '/api/v1/customers', body);
      expect([res.statusCode, res.json().error.code], JSON.stringify(body)).toEqual([400, 'invalid_request']);
    }
  });

  it('batches customers with per-item errors and duplicates inside the batch', async () => {
    const res = await post(org.adminKey, '/api/v1/customers/batch', {
      items: [{ externalId: 'B-1', name: 'one' }, { externalId: 'B-2' }, { email: 'bad' }, { externalId: 'B-1', phone: '13800000000' }],
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ created: 2, duplicates: 1 });
    expect(body.errors).toEqual([{ index: 2, code: 'invalid_request', error: expect.stringContaining('email') }]);
    expect(body.ids[0]).toBe(body.ids[3]);
    expect(body.ids[2]).toBeNull();
    expect((await get(org.adminKey, `/api/v1/customers/${body.ids[0]}`)).json()).toMatchObject({ name: 'one', phone: '13800000000' });
  });
});

describe('interactions', () => {
  it('records one interaction, publishes interaction.recorded, and returns the stored one for a known externalId', async () => {
    const customerId = await customer('I-1');
    const res = await post(org.adminKey, '/api/v1/interactions', interaction({ customerId, externalId: 'ORDER-1', resolvedFirstContact: true }));
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({ customerId, unitId: store, employeeId: clerk, amount: 128.5, occurredAt: '2026-01-05T01:30:00.000Z', resolvedFirstContact: true });
    const events = (await outbox('interaction.recorded')).filter((e) => e.payload.interactionId === created.id);
    expect(events.map((e) => e.payload)).toEqual([
      { interactionId: created.id, customerId, employeeId: clerk, unitId: store, touchpoint: '送货上门', channel: 'app', type: 'delivery', occurredAt: '2026-01-05T01:30:00.000Z' },
    ]);

    const repeat = await post(org.adminKey, '/api/v1/interactions', interaction({ customerId, externalId: 'ORDER-1', amount: 1 }));
    expect([repeat.statusCode, repeat.json().id, repeat.json().amount]).toEqual([200, created.id, 128.5]);
    expect((await outbox('interaction.recorded')).filter((e) => e.payload.interactionId === created.id)).toHaveLength(1);
    expect((await get(org.adminKey, `/api/v1/interactions/${created.id}`)).json()).toEqual(created);
  });

  it('accepts the customer by externalId and takes the unit from the serving employee', async () => {
    await customer('I-2');
    const res = await post(org.adminKey, '/api/v1/interactions', interaction({ customerExternalId: 'I-2', unitId: undefined }));
    expect(res.statusCode).toBe(201);
    expect(res.json().unitId).toBe(store);
  });

  it('answers 404 for unknown references and 400 for bad fields', async () => {
    const customerId = await customer('I-3');
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const [body, field] of [
      [interaction({ customerId: unknown }), 'customerId'],
      [interaction({ customerExternalId: 'nobody' }), 'customerExternalId'],
      [interaction({ customerId, unitId: unknown }), 'unitId'],
      [interaction({ customerId, employeeId: unknown }), 'employeeId'],
    ] as const) {
      const res = await post(org.adminKey, '/api/v1/interactions', body);
      expect([res.statusCode, res.json().error.code, res.json().error.message.startsWith(field)]).toEqual([404, 'not_found', true]);
    }
    for (const body of [
      interaction({ customerId, amount: -5 }),
      interaction({ customerId, occurredAt: '2026-02-30T10:00:00Z' }),
      interaction({ customerId, customerExternalId: 'I-3' }),
      interaction({}),
    ]) {
      expect((await post(org.adminKey, '/api/v1/interactions', body)).statusCode, JSON.stringify(body)).toBe(400);
    }
  });

  it('batches in one transaction: good items are kept, bad ones reported by index, and only new rows publish', async () => {
    const customerId = await customer('I-4');
    const before = (await outbox('interaction.recorded')).length;
    const res = await post(org.adminKey, '/api/v1/interactions/batch', {
      items: [
        interaction({ customerId, externalId: 'B-ORDER-1' }),
        interaction({ customerId, amount: -1 }),
        interaction({ customerExternalId: 'I-4', externalId: 'B-ORDER-2', type: 'complaint' }),
        interaction({ customerId, externalId: 'B-ORDER-1' }),
        interaction({ customerId, unitId: '00000000-0000-4000-8000-000000000000' }),
        'not an object',
      ],
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ created: 2, duplicates: 1 });
    expect(body.errors.map((e: { index: number; code: string }) => [e.index, e.code])).toEqual([
      [1, 'invalid_request'],
      [4, 'not_found'],
      [5, 'invalid_request'],
    ]);
    expect(body.errors[0].error).toContain('amount');
    expect(body.ids[3]).toBe(body.ids[0]);
    const events = (await outbox('interaction.recorded')).slice(before);
    expect(events.map((e) => e.payload.interactionId).sort()).toEqual([body.ids[0], body.ids[2]].sort());
  });

  it('writes nothing and publishes nothing when the batch body itself is refused', async () => {
    const before = (await outbox('interaction.recorded')).length;
    const many = Array.from({ length: 1001 }, () => interaction({ customerExternalId: 'I-4' }));
    expect((await post(org.adminKey, '/api/v1/interactions/batch', { items: many })).statusCode).toBe(400);
    expect((await post(org.adminKey, '/api/v1/interactions/batch', { items: [] })).statusCode).toBe(400);
    expect(await outbox('interaction.recorded')).toHaveLength(before);
  });

  it('lists newest first with filters and a cursor that neither repeats nor skips', async () => {
    const customerId = await customer('I-5');
    const items = Array.from({ length: 7 }, (_, i) => interaction({ customerId, occurredAt: `2026-02-0${i + 1}T08:00:00Z` }));
    items.push(interaction({ customerId, occurredAt: '2026-02-03T08:00:00Z' })); // a tie on occurredAt
    expect((await post(org.adminKey, '/api/v1/interactions/batch', { items })).json().created).toBe(8);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string; occurredAt: string }[]; nextCursor: string | null } = (
        await get(org.adminKey, `/api/v1/interactions?customerId=${customerId}&limit=3${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      seen.push(...page.items.map((i) => i.occurredAt));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(8);
    expect([...seen].sort().reverse()).toEqual(seen);
    const window = (await get(org.adminKey, `/api/v1/interactions?customerId=${customerId}&from=2026-02-03T00:00:00Z&to=2026-02-05T00:00:00Z`)).json();
    expect(window.items).toHaveLength(3);
    expect((await get(org.adminKey, '/api/v1/interactions?cursor=bm9wZQ')).statusCode).toBe(400);
  });
});

describe('behaviour events', () => {
  it('records single and batched events for known customers only', async () => {
    await customer('E-1');
    const one = await post(org.adminKey, '/api/v1/behaviour-events', {
      customerExternalId: 'E-1',
      name: 'page_view',
      properties: { path: '/orders', ms: 1200 },
      occurredAt: '2026-01-05T10:00:00Z',
    });
    expect(one.statusCode).toBe(201);
    expect(one.json().id).toMatch(/^\d+$/);
    const batch = await post(org.adminKey, '/api/v1/behaviour-events/batch', {
      items: [
        { customerExternalId: 'E-1', name: 'call', occurredAt: '2026-01-05T10:05:00Z' },
        { customerExternalId: 'nobody', name: 'call', occurredAt: '2026-01-05T10:05:00Z' },
        { customerExternalId: 'E-1', name: '', occurredAt: '2026-01-05T10:05:00Z' },
      ],
    });
    expect(batch.json()).toMatchObject({ created: 1, errors: [{ index: 1, code: 'not_found' }, { index: 2, code: 'invalid_request' }] });
  });
});

describe('roles, scope and tenancy', () => {
  it('lets a manager read interactions of their subtree and an employee only their own', async () => {
    const region = (await post(org.adminKey, '/api/v1/units', { name: 'East', parentId: org.rootUnitId, kind: 'region' })).json().id;
    const eastStore = (await post(org.adminKey, '/api/v1/units', { name: 'East store', parentId: region, kind: 'store' })).json().id;
    const west = (await post(org.adminKey, '/api/v1/units', { name: 'West', parentId: org.rootUnitId, kind: 'region' })).json().id;
    const manager = await buildEmployeeWithKey(t.ctx, org, { unitId: region, role: 'manager' });
    const staff = await buildEmployeeWithKey(t.ctx, org, { unitId: eastStore, managerId: manager.employeeId });
    const colleague = await buildEmployeeWithKey(t.ctx, org, { unitId: eastStore });
    const outsider = await buildEmployeeWithKey(t.ctx, org, { unitId: west });
    const mine = await customer('S-mine');
    const theirs = await customer('S-theirs');
    const record = async (employeeId: string, customerId: string) =>
      (await post(org.adminKey, '/api/v1/interactions', interaction({ customerId, employeeId, unitId: undefined }))).json().id as string;
    const byStaff = await record(staff.employeeId, mine);
    const byColleague = await record(colleague.employeeId, mine);
    const byOutsider = await record(outsider.employeeId, theirs);

    const ids = async (key: string, url: string) => (await get(key, url)).json().items.map((i: { id: string }) => i.id).sort();
    expect(await ids(manager.key, '/api/v1/interactions?limit=500')).toEqual([byStaff, byColleague].sort());
    expect(await ids(manager.key, `/api/v1/interactions?unitId=${region}`)).toEqual([byStaff, byColleague].sort());
    expect(await ids(staff.key, '/api/v1/interactions?limit=500')).toEqual([byStaff]);
    expect((await get(manager.key, `/api/v1/interactions/${byOutsider}`)).statusCode).toBe(404);
    expect((await get(staff.key, `/api/v1/interactions/${byColleague}`)).statusCode).toBe(404);
    expect((await get(staff.key, `/api/v1/interactions/${byStaff}`)).statusCode).toBe(200);

    expect(await ids(staff.key, '/api/v1/customers?limit=500')).toEqual([mine]);
    expect((await get(manager.key, `/api/v1/customers/${theirs}`)).statusCode).toBe(404);
    expect((await get(outsider.key, `/api/v1/customers/${theirs}`)).statusCode).toBe(200);
    expect((await post(manager.key, '/api/v1/interactions', interaction({ customerId: mine }))).statusCode).toBe(403);
    expect((await post(staff.key, '/api/v1/customers', { externalId: 'x' })).statusCode).toBe(403);
  });

  it('answers 404 when org A asks for org B’s customer or interaction, and lists none of them', async () => {
    const other = await buildOrg(t.ctx);
    const theirCustomer = (await post(other.adminKey, '/api/v1/customers', { externalId: 'SHARED-1', name: 'B only' })).json().id;
    const theirInteraction = (
      await post(other.adminKey, '/api/v1/interactions', { ...interaction({ customerId: theirCustomer }), unitId: other.rootUnitId, employeeId: null })
    ).json().id;
    expect((await get(org.adminKey, `/api/v1/customers/${theirCustomer}`)).statusCode).toBe(404);
    expect((await get(org.adminKey, `/api/v1/interactions/${theirInteraction}`)).statusCode).toBe(404);
    expect((await get(org.adminKey, '/api/v1/customers?externalId=SHARED-1')).json().items).toEqual([]);
    const planted = await post(org.adminKey, '/api/v1/interactions', interaction({ customerId: theirCustomer }));
    expect(planted.statusCode).toBe(404);
  });
});
