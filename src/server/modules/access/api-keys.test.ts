import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildOrg, type TestOrg } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

let t: TestApp;
let org: TestOrg;

beforeAll(async () => {
  t = await createTestApp();
  org = await buildOrg(t.ctx);
});
afterAll(() => t.close());

const me = (key: string) => t.app.inject({ url: '/api/v1/units', headers: bearer(key) });

async function newKey(): Promise<{ id: string; key: string }> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/api-keys', headers: bearer(org.adminKey), payload: { role: 'admin', name: 'integration' } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('API keys', () => {
  it('refuses a revoked key at once, even right after it was verified and cached', async () => {
    const { id, key } = await newKey();
    expect((await me(key)).statusCode).toBe(200);
    const revoked = await t.app.inject({ method: 'DELETE', url: `/api/v1/api-keys/${id}`, headers: bearer(org.adminKey) });
    expect(revoked.statusCode).toBe(204);
    expect((await me(key)).statusCode).toBe(401);
  });

  it('never admits a wrong secret for a cached key id, and records when a key was last used', async () => {
    const { id, key } = await newKey();
    expect((await me(key)).statusCode).toBe(200);
    const forged = key.slice(0, -4) + (key.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect((await me(forged)).statusCode).toBe(401);
    const listed = (await t.app.inject({ url: '/api/v1/api-keys', headers: bearer(org.adminKey) })).json();
    const items = Array.isArray(listed) ? listed : listed.items;
    expect(items.find((k: { id: string }) => k.id === id).lastUsedAt).toBe(t.clock.now().toISOString());
  });

  it('honours a revocation made by another process within ten seconds', async () => {
    const { id, key } = await newKey();
    expect((await me(key)).statusCode).toBe(200);
    // Another server process on the same database revokes the key: this one only learns when its cache entry expires.
    await t.ctx.db.tenant(org.orgId, (tx) => tx.query(`UPDATE api_keys SET revoked_at = now() WHERE org_id = $1 AND id = $2`, [org.orgId, id]));
    t.clock.advance(10_001);
    expect((await me(key)).statusCode).toBe(401);
  });
});
