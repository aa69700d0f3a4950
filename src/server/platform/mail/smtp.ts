/**
 * Outgoing e-mail through the operator's SMTP server (`LODESTAR_SMTP_URL`), for
 * any module: survey invitations from the outbox, the monthly review with its
 * PDF. Without the URL there is no sender and callers keep their mail waiting.
 */
import nodemailer from 'nodemailer';
import type { Config } from '../config.ts';

export interface MailAttachment {
  filename: string;
  content: Buffer | string;
  contentType: string;
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  attachments?: MailAttachment[];
}

/** Sends one message or throws with the SMTP reply; the error never carries the URL (it may hold the password). */
export interface MailSender {
  send(message: MailMessage): Promise<void>;
}

/** A sender from the configuration, or null when SMTP is not configured. */
export function smtpSenderOf(config: Pick<Config, 'LODESTAR_SMTP_URL' | 'LODESTAR_SMTP_FROM'>): MailSender | null {
  const url = config.LODESTAR_SMTP_URL;
  if (!url) return null;
  // Built once: nodemailer pools nothing by default, so a transport is cheap and holds no socket between sends.
  const transport = nodemailer.createTransport(url);
  return {
    async send(m) {
      await transport.sendMail({ from: config.LODESTAR_SMTP_FROM, to: m.to, subject: m.subject, text: m.text, attachments: m.attachments });
    },
  };
}
