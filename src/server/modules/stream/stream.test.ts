import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publish } from '../../platform/events/index.ts';
import { bearer, buildEmployeeWithKey, buildOrg, type TestOrg } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { registerStreamEvent } from './index.ts';

interface Frame {
  id: string;
  event: string;
  data: { id: string; name: string; payload: Record<string, unknown>; createdAt: string };
}

/** A live connection to /api/v1/stream, read frame by frame as a browser's EventSource would. */
interface Stream {
  frames: Frame[];
  /** Resolves when a frame of `event` satisfying `match` has arrived. */
  waitFor: (event: string, match?: (f: Frame) => boolean, timeoutMs?: number) => Promise<Frame>;
  close: () => void;
}

let t: TestApp;
let base: string;
let org: TestOrg;
let other: TestOrg;

beforeAll(async () => {
  registerStreamEvent('test.case', 'scoped');
  registerStreamEvent('test.praise', 'organisation');
  t = await createTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  org = await buildOrg(t.ctx);
  other = await buildOrg(t.ctx);
});
afterAll(() => t.close());

async function openStream(key: string, lastEventId?: string): Promise<Stream> {
  const controller = new AbortController();
  const headers: Record<string, string> = { ...bearer(key), ...(lastEventId ? { 'last-event-id': lastEventId } : {}) };
  const res = await fetch(`${base}/api/v1/stream`, { headers, signal: controller.signal });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const frames: Frame[] = [];
  const waiters = new Set<() => void>();
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const field = (name: string) => block.split('\n').find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2);
          const data = field('data');
          if (data) frames.push({ id: field('id')!, event: field('event')!, data: JSON.parse(data) });
          for (const wake of waiters) wake();
        }
      }
    } catch {
      // aborted by close()
    }
  })();
  const waitFor = (event: string, match: (f: Frame) => boolean = () => true, timeoutMs = 5000) =>
    new Promise<Frame>((resolve, reject) => {
      const check = () => {
        const found = frames.find((f) => f.event === event && match(f));
        if (!found) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`no ${event} frame within ${timeoutMs} ms; got ${JSON.stringify(frames.map((f) => f.event))}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  return { frames, waitFor, close: () => controller.abort() };
}

const emit = (orgId: string, name: string, payload: object) => t.ctx.db.tenant(orgId, (tx) => publish(tx, name, payload, { at: t.clock.now() }));

describe('live stream', () => {
  it('delivers each committed event within a second to exactly the people who may see it', async () => {
    const store = (await t.app.inject({ method: 'POST', url: '/api/v1/units', headers: bearer(org.adminKey), payload: { name: '门店', parentId: org.rootUnitId, kind: 'store' } })).json().id;
    const manager = await buildEmployeeWithKey(t.ctx, org, { unitId: store, role: 'manager' });
    const clerk = await buildEmployeeWithKey(t.ctx, org, { unitId: store });
    const elsewhere = await buildEmployeeWithKey(t.ctx, org);
    const [admin, mgr, own, stranger, foreign] = await Promise.all([
      openStream(org.adminKey),
      openStream(manager.key),
      openStream(clerk.key),
      openStream(elsewhere.key),
      openStream(other.adminKey),
    ]);
    try {
      const sentAt = performance.now();
      await emit(org.orgId, 'test.case', { caseId: 'c1', unitId: store, ownerId: clerk.employeeId });
      const isC1 = (f: Frame) => f.data.payload.caseId === 'c1';
      await Promise.all([admin.waitFor('test.case', isC1), mgr.waitFor('test.case', isC1), own.waitFor('test.case', isC1)]);
      expect(performance.now() - sentAt).toBeLessThan(1000); // a commit in this process wakes the hub at once
      const received = await own.waitFor('test.case', isC1);
      expect(received.data.payload).toEqual({ caseId: 'c1', unitId: store, ownerId: clerk.employeeId });

      // Someone the event names sees it even outside their subtree: an approver, a person to notify.
      await emit(org.orgId, 'test.case', { caseId: 'c2', unitId: org.rootUnitId, approverId: manager.employeeId, notify: [elsewhere.employeeId] });
      const isC2 = (f: Frame) => f.data.payload.caseId === 'c2';
      await Promise.all([mgr.waitFor('test.case', isC2), stranger.waitFor('test.case', isC2), admin.waitFor('test.case', isC2)]);
      expect(own.frames.some(isC2)).toBe(false);

      // Praise is for the whole organisation: the stranger gets it too, the other organisation never does.
      await emit(org.orgId, 'test.praise', { text: '谢谢小王' });
      await Promise.all([admin, mgr, own, stranger].map((s) => s.waitFor('test.praise')));
      await emit(other.orgId, 'test.praise', { text: 'other org' });
      await foreign.waitFor('test.praise');
      expect(stranger.frames.map((f) => f.data.payload.caseId ?? f.event)).toEqual(['c2', 'test.praise']); // never the store's case c1
      expect(foreign.frames.map((f) => f.data.payload.text)).toEqual(['other org']);
      expect(admin.frames.some((f) => f.data.payload.text === 'other org')).toBe(false);
      // Events no module made streamable never go out.
      await emit(org.orgId, 'response.submitted', { responseId: 'r1' });
      await emit(org.orgId, 'test.praise', { text: 'after' });
      await admin.waitFor('test.praise', (f) => f.data.payload.text === 'after');
      expect(admin.frames.some((f) => f.event === 'response.submitted')).toBe(false);
    } finally {
      for (const s of [admin, mgr, own, stranger, foreign]) s.close();
    }
  });

  it('replays what a reconnecting client missed, in order, from its Last-Event-ID', async () => {
    const first = await openStream(org.adminKey);
    await emit(org.orgId, 'test.case', { caseId: 'seen', unitId: org.rootUnitId });
    const seen = await first.waitFor('test.case', (f) => f.data.payload.caseId === 'seen');
    first.close();
    await emit(org.orgId, 'test.case', { caseId: 'missed-1', unitId: org.rootUnitId });
    await emit(org.orgId, 'test.case', { caseId: 'missed-2', unitId: org.rootUnitId });

    const again = await openStream(org.adminKey, seen.id);
    try {
      await again.waitFor('test.case', (f) => f.data.payload.caseId === 'missed-2');
      expect(again.frames.map((f) => f.data.payload.caseId)).toEqual(['missed-1', 'missed-2']);
      expect(Number(again.frames[1]!.id)).toBeGreaterThan(Number(again.frames[0]!.id));
      await emit(org.orgId, 'test.case', { caseId: 'live', unitId: org.rootUnitId });
      await again.waitFor('test.case', (f) => f.data.payload.caseId === 'live');
      expect(again.frames.map((f) => f.data.payload.caseId)).toEqual(['missed-1', 'missed-2', 'live']);
    } finally {
      again.close();
    }
  });

  it('refuses a caller without credentials', async () => {
    const res = await fetch(`${base}/api/v1/stream`);
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('unauthorized');
  });
});
