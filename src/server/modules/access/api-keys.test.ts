import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDS_PER_NOTICE, KEYS_CHANNEL, forgetApiKeysOnCommit, onKeysNotice } from './api-key-cache.ts';
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

  it('honours within ten seconds a revocation no notice told this process about', async () => {
    const { id, key } = await newKey();
    expect((await me(key)).statusCode).toBe(200);
    // Revoked in the database by hand (or its notice lost): this process only learns when its cache entry expires.
    await t.ctx.db.tenant(org.orgId, (tx) => tx.query(`UPDATE api_keys SET revoked_at = now() WHERE org_id = $1 AND id = $2`, [org.orgId, id]));
    t.clock.advance(10_001);
    expect((await me(key)).statusCode).toBe(401);
  });

  it('forgets the keys another process names in a notice at once, and every cached key when notices may have been lost', async () => {
    const first = await newKey();
    const second = await newKey();
    for (const { key } of [first, second]) expect((await me(key)).statusCode).toBe(200);
    // Another process revokes both and tells this one (or would: its notice for the second is lost).
    const revoke = (id: string) => t.ctx.db.tenant(org.orgId, (tx) => tx.query(`UPDATE api_keys SET revoked_at = now() WHERE org_id = $1 AND id = $2`, [org.orgId, id]));
    await revoke(first.id);
    await revoke(second.id);
    onKeysNotice(t.ctx, first.id);
    expect((await me(first.key)).statusCode).toBe(401);
    expect((await me(second.key)).statusCode).toBe(200); // still trusted from the cache
    onKeysNotice(t.ctx, null); // the listening connection was re-opened: look every key up again
    expect((await me(second.key)).statusCode).toBe(401);
  });

  it.skipIf(!process.env.DATABASE_URL)('tells the other processes at the commit of a revocation, never for a rollback, in notices NOTIFY can carry (PostgreSQL)', async () => {
    const heard: Array<string | null> = [];
    const stop = await t.ctx.db.listen(KEYS_CHANNEL, (payload) => heard.push(payload));
    const settle = () => new Promise((resolve) => setTimeout(resolve, 150));
    try {
      const { id } = await newKey();
      expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/api-keys/${id}`, headers: bearer(org.adminKey) })).statusCode).toBe(204);
      await settle();
      expect(heard).toEqual([id]);

      const rolledBack = randomUUID();
      const failed = t.ctx.db.tenant(org.orgId, async (tx) => {
        forgetApiKeysOnCommit(t.ctx, tx, [rolledBack]);
        throw new Error('the revocation failed');
      });
      await expect(failed).rejects.toThrow('the revocation failed');

      // A deactivation may revoke any number of keys: they go in several notices, each under NOTIFY's 8,000 bytes.
      const many = Array.from({ length: 2 * IDS_PER_NOTICE + 1 }, () => randomUUID());
      await t.ctx.db.tenant(org.orgId, async (tx) => forgetApiKeysOnCommit(t.ctx, tx, many));
      await settle();
      const notices = heard.slice(1) as string[];
      expect(notices).toHaveLength(3);
      for (const n of notices) expect(Buffer.byteLength(n)).toBeLessThan(8000);
      expect(notices.flatMap((n) => n.split(',')).sort()).toEqual([...many].sort());
      expect(notices.join(',')).not.toContain(rolledBack);
    } finally {
      await stop();
    }
  });
});
