/**
 * The words of the assessment invitation and reminder e-mails. Employees have no language of their own
 * in Lodestar, so each message is written in the organisation's default language with the other beneath.
 */
import type { Lang } from '../../../contracts/surveys.ts';

export interface MailFacts {
  assessmentName: string;
  url: string;
  /** The closing day, already formatted in the organisation's time zone (YYYY-MM-DD). */
  closesOn: string;
  minGroupSize: number;
}

const TEXT = {
  'zh-CN': {
    inviteSubject: (f: MailFacts) => `邀请您参加匿名调查：「${f.assessmentName}」`,
    remindSubject: (f: MailFacts) => `提醒：「${f.assessmentName}」期待您的声音`,
    invite: (f: MailFacts) =>
      `您好！\n\n诚邀您参加「${f.assessmentName}」，约需 10 分钟。\n${f.url}\n\n这份调查是匿名的：您的回答只与所在部门、职级和司龄段一起保存，不记录姓名、链接或作答时间；任何结果只在至少 ${f.minGroupSize} 人的群体中展示。\n链接仅供您本人使用一次，请勿转发。调查将于 ${f.closesOn} 截止。`,
    remind: (f: MailFacts) =>
      `您好！\n\n我们还没有收到您对「${f.assessmentName}」的回答。请使用下面的新链接（之前的链接已失效）：\n${f.url}\n\n回答完全匿名，结果只在至少 ${f.minGroupSize} 人的群体中展示。调查将于 ${f.closesOn} 截止。如您已回答，请忽略本邮件。`,
  },
  en: {
    inviteSubject: (f: MailFacts) => `You are invited to an anonymous assessment: "${f.assessmentName}"`,
    remindSubject: (f: MailFacts) => `Reminder: your voice in "${f.assessmentName}"`,
    invite: (f: MailFacts) =>
      `Hello,\n\nPlease take part in "${f.assessmentName}": it takes about 10 minutes.\n${f.url}\n\nIt is anonymous: your answers are kept only with your unit, level and length of service, never with your name, your link or the time you answered, and results are shown only for groups of at least ${f.minGroupSize} people.\nThe link is yours and works once, so please do not forward it. The assessment closes on ${f.closesOn}.`,
    remind: (f: MailFacts) =>
      `Hello,\n\nWe have not had your answers to "${f.assessmentName}" yet. Please use this new link (the earlier one no longer works):\n${f.url}\n\nAnswers are anonymous and results are shown only for groups of at least ${f.minGroupSize} people. The assessment closes on ${f.closesOn}. If you have already answered, please ignore this e-mail.`,
  },
} as const satisfies Record<Lang, unknown>;

const other = (lang: Lang): Lang => (lang === 'en' ? 'zh-CN' : 'en');

/** Subject in the organisation's language; body in it, then in the other language. */
export function assessmentMail(kind: 'invite' | 'remind', lang: Lang, facts: MailFacts): { subject: string; body: string } {
  const first = TEXT[lang];
  const second = TEXT[other(lang)];
  const subject = kind === 'invite' ? first.inviteSubject(facts) : first.remindSubject(facts);
  return { subject, body: `${first[kind](facts)}\n\n————————\n\n${second[kind](facts)}` };
}

/** `YYYY-MM-DD` of an instant in a time zone. */
export function dayIn(timeZone: string, at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}
