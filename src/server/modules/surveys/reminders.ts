import type { Lang, Message } from '../../../contracts/surveys.ts';
import type { Actor } from '../../platform/actor.ts';
import { authorize } from '../../platform/authz.ts';
import { HOUR } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { decodeCursor, toPage, type Page } from '../../platform/pagination.ts';
import { linkUrl } from './links.service.ts';
import { registerMailSender, scheduleMailSender } from './mail-sender.ts';
import { registerSmsSender, scheduleSmsSender } from './sms-sender.ts';

const SEND_REMINDERS = 'surveys.send-reminders';
/** A personal link unanswered this long gets a reminder, and a second one as long after the first. */
const REMIND_AFTER_MS = 48 * HOUR;
const MAX_REMINDERS = 2;
const BATCH = 500;

/** Declares the hourly reminder job's handler and, with SMTP configured, the e-mail sender's. */
export function registerSurveyJobs(ctx: AppContext): void {
  ctx.jobs.register(SEND_REMINDERS, async () => {
    await sendDueReminders(ctx);
  });
  registerMailSender(ctx);
  registerSmsSender(ctx);
}

/** Keeps the reminder (hourly) and e-mail (every minute) jobs recurring (safe at every boot). */
export async function scheduleSurveyJobs(ctx: AppContext): Promise<void> {
  await ctx.jobs.every(SEND_REMINDERS, HOUR);
  await scheduleMailSender(ctx);
  await scheduleSmsSender(ctx);
}

/**
 * Queues a reminder for every personal link of an active survey that is
 * unanswered, unexpired, older than 48 h (and 48 h past its last reminder),
 * with fewer than two reminders sent. Messages wait in `outbox_messages`, where
 * an admin reads them (GET /api/v1/messages) and the e-mail sender finds them.
 * Each organisation's batch commits with its links' counters, so a re-run never sends twice.
 */
export async function sendDueReminders(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  const cutoff = new Date(now.getTime() - REMIND_AFTER_MS);
  const orgs = await ctx.db.system((tx) =>
    tx.query<{ org_id: string }>(
      `SELECT DISTINCT org_id FROM survey_links
       WHERE personal AND used_at IS NULL AND reminders_sent < $3 AND created_at <= $1
         AND (last_reminded_at IS NULL OR last_reminded_at <= $1) AND (expires_at IS NULL OR expires_at > $2)`,
      [cutoff, now, MAX_REMINDERS],
    ),
  );
  let sent = 0;
  for (const { org_id: orgId } of orgs) {
    sent += await ctx.db.tenant(orgId, (tx) => remindOrganisation(ctx, tx, cutoff, now));
  }
  return sent;
}

async function remindOrganisation(ctx: AppContext, tx: Tx, cutoff: Date, now: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const due = await tx.query<{
      id: string;
      token: string;
      customer_id: string | null;
      interaction_id: string | null;
      channel: string | null;
      lang: Lang | null;
      name: string;
      recipient: string | null;
    }>(
      `SELECT l.id, l.token, l.customer_id, l.interaction_id, l.channel, l.lang, s.name,
         CASE WHEN l.channel = 'sms' THEN c.phone ELSE c.email END AS recipient
       FROM survey_links l JOIN surveys s ON s.org_id = l.org_id AND s.id = l.survey_id
         LEFT JOIN customers c ON c.org_id = l.org_id AND c.id = l.customer_id
       WHERE l.org_id = $1 AND l.personal AND l.used_at IS NULL AND l.reminders_sent < $4 AND l.created_at <= $2
         AND (l.last_reminded_at IS NULL OR l.last_reminded_at <= $2) AND (l.expires_at IS NULL OR l.expires_at > $3)
         AND s.status = 'active'
       ORDER BY l.created_at LIMIT $5 FOR UPDATE OF l SKIP LOCKED`,
      [tx.orgId, cutoff, now, MAX_REMINDERS, BATCH],
    );
    if (due.length === 0) return total;
    const messages = due.map((l) => ({ ...l, lang: l.lang ?? 'zh-CN', ...reminderText(l.lang ?? 'zh-CN', l.name, linkUrl(ctx, '', l.token)) }));
    await tx.query(
      `INSERT INTO outbox_messages (org_id, kind, channel, link_id, customer_id, interaction_id, lang, subject, body, recipient, created_at)
       SELECT $1, 'survey_reminder', m.channel, m.link_id, m.customer_id, m.interaction_id, m.lang, m.subject, m.body, m.recipient, $2
       FROM unnest($3::text[], $4::uuid[], $5::uuid[], $6::uuid[], $7::text[], $8::text[], $9::text[], $10::text[])
         AS m(channel, link_id, customer_id, interaction_id, lang, subject, body, recipient)`,
      [
        tx.orgId,
        now,
        messages.map((m) => m.channel ?? 'email'),
        messages.map((m) => m.id),
        messages.map((m) => m.customer_id),
        messages.map((m) => m.interaction_id),
        messages.map((m) => m.lang),
        messages.map((m) => m.subject),
        messages.map((m) => m.body),
        messages.map((m) => m.recipient),
      ],
    );
    await tx.query(
      `UPDATE survey_links SET reminders_sent = reminders_sent + 1, last_reminded_at = $3 WHERE org_id = $1 AND id = ANY ($2::uuid[])`,
      [tx.orgId, due.map((l) => l.id), now],
    );
    total += due.length;
    if (due.length < BATCH) return total;
  }
}

/** The reminder's words; the address is relative when LODESTAR_PUBLIC_URL is not set. */
function reminderText(lang: Lang, surveyName: string, url: string): { subject: string; body: string } {
  return lang === 'en'
    ? {
        subject: `Reminder: we'd love your feedback on "${surveyName}"`,
        body: `Hello! We have not received your answers to "${surveyName}" yet. It takes about 30 seconds: ${url}\nIf you have already answered, please ignore this message.`,
      }
    : {
        subject: `提醒：「${surveyName}」期待您的反馈`,
        body: `您好！我们还没有收到您对「${surveyName}」的回答，只需约 30 秒：${url}\n如您已回答，请忽略本消息。`,
      };
}

/** Admins read queued and sent messages, newest first. */
export function listMessages(ctx: AppContext, actor: Actor, q: { limit: number; cursor?: string }): Promise<Page<Message>> {
  authorize(actor, 'message.read');
  const before = decodeCursor(q.cursor);
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const rows = await tx.query<{
      id: string;
      kind: string;
      channel: string;
      link_id: string | null;
      customer_id: string | null;
      interaction_id: string | null;
      lang: Lang;
      recipient: string | null;
      subject: string;
      body: string;
      status: Message['status'];
      attempts: number;
      last_error: string | null;
      created_at: Date;
      sent_at: Date | null;
    }>(
      `SELECT id::text, kind, channel, link_id, customer_id, interaction_id, lang, recipient, subject, body, status, attempts, last_error, created_at, sent_at
       FROM outbox_messages WHERE org_id = $1 AND ($2::bigint IS NULL OR id < $2::bigint) ORDER BY id DESC LIMIT $3`,
      [actor.orgId, before && /^\d{1,18}$/.test(before) ? before : null, q.limit + 1],
    );
    const items = rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      channel: r.channel,
      linkId: r.link_id,
      customerId: r.customer_id,
      interactionId: r.interaction_id,
      lang: r.lang,
      recipient: r.recipient,
      subject: r.subject,
      body: r.body,
      status: r.status,
      attempts: r.attempts,
      lastError: r.last_error,
      createdAt: r.created_at.toISOString(),
      sentAt: r.sent_at?.toISOString() ?? null,
    }));
    return toPage(items, q.limit, (m) => m.id);
  });
}
