import type { Lang } from '../../../contracts/surveys.ts';
import type { Queryable } from '../../platform/db/database.ts';

export interface OutgoingEmail {
  recipient: string;
  lang: Lang;
  subject: string;
  body: string;
}

/**
 * Queues e-mails that belong to no survey link (e.g. culture assessment invitations) in `outbox_messages`,
 * in the caller's transaction: the mail sender delivers them like survey invitations, admins read them on
 * the Distribution page. One statement however many messages.
 */
export async function queueEmails(tx: Queryable, orgId: string, now: Date, kind: string, messages: readonly OutgoingEmail[]): Promise<number> {
  if (messages.length === 0) return 0;
  await tx.query(
    `INSERT INTO outbox_messages (org_id, kind, channel, lang, subject, body, recipient, created_at)
     SELECT $1, $2, 'email', m.lang, m.subject, m.body, m.recipient, $3
     FROM unnest($4::text[], $5::text[], $6::text[], $7::text[]) AS m(lang, subject, body, recipient)`,
    [orgId, kind, now, messages.map((m) => m.lang), messages.map((m) => m.subject), messages.map((m) => m.body), messages.map((m) => m.recipient)],
  );
  return messages.length;
}
