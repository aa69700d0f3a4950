import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { bearer, buildOrg, type TestOrg } from '../../testing/factories.ts';
import type { TestApp } from '../../testing/test-app.ts';

/** Tests only: the passcode every fixture link gets. */
export const PASSCODE = 'courier-2026';

const QUESTIONS = [
  { key: 'nps', type: 'nps', required: true, title: { 'zh-CN': '推荐意愿', en: 'Recommend?' } },
  { key: 'csat', type: 'csat', title: { 'zh-CN': '满意度', en: 'Satisfied?' } },
  { key: 'comment', type: 'text', title: { 'zh-CN': '留言', en: 'Comment' } },
];

/** Tests only: an organisation with a survey, request helpers, and shortcuts for partners, their interactions and links. */
export async function buildPartnersFixture(t: TestApp) {
  const org: TestOrg = await buildOrg(t.ctx);
  const send = (method: InjectOptions['method'], key: string | null, url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({ method, url, headers: { ...(key ? bearer(key) : {}), ...headers }, payload: payload as InjectOptions['payload'] });
  const admin = (method: InjectOptions['method'], url: string, payload?: unknown) => send(method, org.adminKey, url, payload);
  const created = (res: LightMyRequestResponse) => {
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };

  const surveyId = created(await admin('POST', '/api/v1/surveys', { name: '配送回访', status: 'active', questions: QUESTIONS })).id as string;
  const customerId = created(await admin('POST', '/api/v1/customers', { name: '赵敏', phone: '13912345678' })).id as string;

  const partner = async (name: string, kind = 'logistics', extra: Record<string, unknown> = {}) =>
    created(await admin('POST', '/api/v1/partners', { name, kind, ...extra })) as { id: string; name: string };

  /** An interaction done by the partner, answered with the given scores and comment (through the interaction, so the partner is inherited). */
  const respondAbout = async (partnerId: string | null, answers: { nps: number; csat?: number; comment?: string }, submittedAt?: string) => {
    const interaction = created(
      await admin('POST', '/api/v1/interactions', {
        customerId,
        type: 'delivery',
        channel: 'home',
        touchpoint: 'home_delivery',
        ...(partnerId ? { partnerId } : {}),
        occurredAt: submittedAt ?? t.clock.now().toISOString(),
      }),
    );
    const res = await admin('POST', '/api/v1/responses', { surveyId, interactionId: interaction.id, answers, ...(submittedAt ? { submittedAt } : {}) });
    return created(res).id as string;
  };

  const createLink = async (partnerId: string, days = 30) => {
    const expiresAt = new Date(t.clock.now().getTime() + days * 86_400_000).toISOString();
    return created(await admin('POST', `/api/v1/partners/${partnerId}/share-links`, { expiresAt, passcode: PASSCODE })) as { id: string; token: string; url: string };
  };

  /** Unlocks through the JSON API from a given address; returns the raw answer. */
  const unlock = (token: string, passcode = PASSCODE, remoteAddress = '198.51.100.7') =>
    t.app.inject({ method: 'POST', url: `/api/v1/public/partner-reports/${token}/unlock`, payload: { passcode }, remoteAddress });

  /** The access token of an unlocked link. */
  const accessTokenFor = async (token: string) => {
    const res = await unlock(token);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().accessToken as string;
  };

  const readReport = (token: string, accessToken: string | null, days = 90) =>
    t.app.inject({ method: 'GET', url: `/api/v1/public/partner-reports/${token}?days=${days}`, headers: accessToken ? { authorization: `Bearer ${accessToken}` } : {} });

  const query = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => t.ctx.db.tenant(org.orgId, (tx) => tx.query<T>(sql, params));

  return { org, send, admin, created, surveyId, customerId, partner, respondAbout, createLink, unlock, accessTokenFor, readReport, query };
}

export type PartnersFixture = Awaited<ReturnType<typeof buildPartnersFixture>>;
