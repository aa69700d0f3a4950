/**
 * The wire formats of group-chat robots: how a short message becomes each
 * platform's JSON body, how DingTalk and Feishu requests are signed, and how
 * each platform says "refused" (they answer HTTP 200 with an error code in the
 * body, so a 2xx alone is not success). Nothing here touches the database.
 */
import { createHmac } from 'node:crypto';
import type { ChatRobotKind } from '../../../contracts/channels.ts';

/** What a robot posts: a title line, a few short lines, and a link into the app when the public URL is known. */
export interface ChatMessage {
  title: string;
  lines: string[];
  link: { label: string; url: string } | null;
  tone: 'good' | 'alert' | 'info';
}

/**
 * Neutralises text we did not write (customer comments, names, case titles) for
 * the markdown dialects of WeCom, DingTalk and Feishu: one line, and no link,
 * emphasis, heading, quote or <@mention> syntax, so a comment cannot inject a
 * phishing link or ping the whole group. Look-alike characters keep it readable.
 */
export function plainForMarkdown(raw: string): string {
  const map: Record<string, string> = { '[': '［', ']': '］', '<': '‹', '>': '›', '*': '∗', '_': '＿', '`': '\u2018', '#': '＃', '~': '～', '|': '｜' };
  return raw.replace(/\s+/g, ' ').trim().replace(/[[\]<>*_`#~|]/g, (c) => map[c]!);
}

/** Slack's own escaping for mrkdwn: &, < and > (so `<!channel>` or `<http://x|y>` in a comment stays text). */
export function plainForSlack(raw: string): string {
  return raw.replace(/\s+/g, ' ').trim().replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The JSON body a robot of this kind expects for the message (unsigned: signatures are made per attempt). */
export function renderRobotBody(kind: ChatRobotKind, m: ChatMessage): string {
  switch (kind) {
    case 'wecom': {
      const colour = m.tone === 'alert' ? 'warning' : m.tone === 'good' ? 'info' : 'comment';
      const link = m.link ? `\n[${m.link.label}](${m.link.url})` : '';
      const content = `**<font color="${colour}">${m.title}</font>**\n${m.lines.map((l) => `> ${l}`).join('\n')}${link}`;
      return JSON.stringify({ msgtype: 'markdown', markdown: { content } });
    }
    case 'dingtalk': {
      // DingTalk's markdown needs a blank line between paragraphs; the title is what the notification preview shows.
      const link = m.link ? `\n\n[${m.link.label}](${m.link.url})` : '';
      const text = `#### ${m.title}\n\n${m.lines.map((l) => `> ${l}`).join('\n\n')}${link}`;
      return JSON.stringify({ msgtype: 'markdown', markdown: { title: m.title, text } });
    }
    case 'feishu': {
      const template = m.tone === 'alert' ? 'red' : m.tone === 'good' ? 'green' : 'blue';
      const elements: unknown[] = [{ tag: 'div', text: { tag: 'lark_md', content: m.lines.join('\n') } }];
      if (m.link) elements.push({ tag: 'action', actions: [{ tag: 'button', text: { tag: 'plain_text', content: m.link.label }, url: m.link.url, type: 'primary' }] });
      return JSON.stringify({ msg_type: 'interactive', card: { config: { wide_screen_mode: true }, header: { title: { tag: 'plain_text', content: m.title }, template }, elements } });
    }
    case 'slack': {
      const link = m.link ? `\n<${m.link.url}|${m.link.label}>` : '';
      const mrkdwn = `*${m.title}*\n${m.lines.map((l) => `>${l}`).join('\n')}${link}`;
      // `text` is the notification and fallback; the block is what the channel shows.
      return JSON.stringify({ text: `${m.title} ${m.lines.join(' ')}`.slice(0, 300), blocks: [{ type: 'section', text: { type: 'mrkdwn', text: mrkdwn } }] });
    }
  }
}

/** DingTalk: sign = base64 HMAC-SHA256 keyed by the secret over `timestamp + "\n" + secret` (timestamp in ms), sent URL-encoded as query parameters. */
export function dingtalkSignature(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
}

/** Feishu/Lark: sign = base64 HMAC-SHA256 keyed by `timestamp + "\n" + secret` over an empty message (timestamp in seconds), sent in the body. */
export function feishuSignature(secret: string, timestampSeconds: number): string {
  return createHmac('sha256', `${timestampSeconds}\n${secret}`).update('').digest('base64');
}

/** The URL and body of one attempt: signed afresh each time, since DingTalk and Feishu refuse a timestamp older than about an hour. */
export function prepareRobotRequest(kind: ChatRobotKind, url: string, body: string, secret: string, nowMs: number): { url: string; body: string } {
  if (!secret) return { url, body };
  if (kind === 'dingtalk') {
    const signed = new URL(url);
    signed.searchParams.set('timestamp', String(nowMs));
    signed.searchParams.set('sign', dingtalkSignature(secret, nowMs));
    return { url: signed.toString(), body };
  }
  if (kind === 'feishu') {
    const seconds = Math.floor(nowMs / 1000);
    return { url, body: JSON.stringify({ timestamp: String(seconds), sign: feishuSignature(secret, seconds), ...(JSON.parse(body) as object) }) };
  }
  return { url, body };
}

/**
 * The platform's refusal in a 2xx answer, or null when it accepted: WeCom and
 * DingTalk answer `{"errcode":0}`, Feishu `{"code":0}` (older `StatusCode`);
 * Slack answers `ok` or an HTTP error. An unreadable 2xx body counts as accepted.
 */
export function robotRefusal(kind: ChatRobotKind, responseBody: string): string | null {
  if (kind === 'slack') return null;
  let answer: Record<string, unknown>;
  try {
    answer = JSON.parse(responseBody) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (typeof answer !== 'object' || answer === null) return null;
  const code = kind === 'feishu' ? (answer.code ?? answer.StatusCode) : answer.errcode;
  if (code === undefined || code === 0) return null;
  const reason = kind === 'feishu' ? (answer.msg ?? answer.StatusMessage) : answer.errmsg;
  return `${kind} refused: ${String(code)} ${typeof reason === 'string' ? reason.slice(0, 200) : ''}`.trim();
}

/**
 * What an admin may see of a robot URL: scheme, host and path with the token
 * parts cut to their first four characters (`…/send?key=693a…`, `…/hook/2f1c…`,
 * `…/services/T000…/B000…/XXXX…`), enough to tell two robots apart.
 */
export function maskRobotUrl(raw: string): string {
  const url = new URL(raw);
  const cut = (s: string) => (s.length > 4 ? `${s.slice(0, 4)}…` : s);
  const segments = url.pathname.split('/');
  // Short words (send, hook, v2, services) are the API's; long ones are tokens.
  const path = segments.map((s) => (s.length >= 12 || (s.length > 6 && /\d.*[a-z]|[a-z].*\d/i.test(s)) ? cut(s) : s)).join('/');
  const query = [...url.searchParams.keys()].map((k) => `${k}=${cut(url.searchParams.get(k) ?? '')}`).join('&');
  return `${url.protocol}//${url.host}${path}${query ? `?${query}` : ''}`;
}
