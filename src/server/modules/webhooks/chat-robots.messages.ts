/**
 * What a chat robot says about an event, in the robot's language: short,
 * human, never a customer's phone number or e-mail (comments and titles go
 * through the text module's PII redaction), every piece of text we did not
 * write escaped for the robot's markdown dialect.
 */
import type { ChatRobotKind } from '../../../contracts/channels.ts';
import { redactPii } from '../text/index.ts';
import { plainForMarkdown, plainForSlack, type ChatMessage } from './chat-robots.formats.ts';

export type Language = 'zh-CN' | 'en';

/** Names the fan-out looked up for a batch of events: units in both languages, employees. */
export interface NameBook {
  unit(id: unknown, language: Language): string | null;
  employee(id: unknown): string | null;
}

export interface RenderContext {
  kind: ChatRobotKind;
  language: Language;
  names: NameBook;
  /** LODESTAR_PUBLIC_URL: links into the app only when the address people reach is known. */
  publicUrl: string | undefined;
}

const PRIORITY = { 'zh-CN': { low: '低', medium: '中', high: '高', urgent: '紧急' }, en: { low: 'low', medium: 'medium', high: 'high', urgent: 'urgent' } };
const ESCALATION_REASON = {
  'zh-CN': { first_response_sla: '首次响应超时', resolution_sla: '解决超时', manual: '手动升级', exemption_report_overdue: '免责报告逾期' },
  en: { first_response_sla: 'first response overdue', resolution_sla: 'resolution overdue', manual: 'escalated by hand', exemption_report_overdue: 'exemption report overdue' },
};
const WARNING_KIND = {
  'zh-CN': { exemption_report_overdue: '免责报告逾期', alert: '满意度预警', repeat_complaint: '重复投诉' },
  en: { exemption_report_overdue: 'Exemption report overdue', alert: 'Satisfaction alert', repeat_complaint: 'Repeat complaint' },
};
const EVENT_LABEL = {
  'zh-CN': { 'praise.received': '表扬', 'case.created': '新工单', 'case.escalated': '工单升级', 'warning.raised': '预警', 'improvement.completed': '改进项目完成', 'idea.accepted': '创意被采纳' },
  en: { 'praise.received': 'praise', 'case.created': 'new cases', 'case.escalated': 'escalations', 'warning.raised': 'early warnings', 'improvement.completed': 'finished improvement projects', 'idea.accepted': 'accepted ideas' },
} as const;

const pick = <T extends Record<string, string>>(table: T, key: unknown): string | null => (typeof key === 'string' && key in table ? table[key as keyof T]! : null);
const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** Untrusted text made safe: PII masked, one line, clipped, escaped for the robot's dialect. */
function safe(c: RenderContext, raw: unknown, max = 80): string {
  const text = clip(redactPii(typeof raw === 'string' ? raw : '').text.replace(/\s+/g, ' ').trim(), max);
  return c.kind === 'slack' ? plainForSlack(text) : plainForMarkdown(text);
}

function linkTo(c: RenderContext, path: string, zh: string, en: string): ChatMessage['link'] {
  if (!c.publicUrl) return null;
  return { label: c.language === 'zh-CN' ? zh : en, url: new URL(path, c.publicUrl).toString() };
}

type Payload = Record<string, unknown>;

/** The message for one event, or null for an event robots do not announce. */
export function renderEventMessage(c: RenderContext, eventName: string, p: Payload): ChatMessage | null {
  const zh = c.language === 'zh-CN';
  const unit = p.unitId ? c.names.unit(p.unitId, c.language) : null;
  const unitText = unit ? safe(c, unit, 40) : null;
  const person = (id: unknown) => {
    const name = c.names.employee(id);
    return name ? safe(c, name, 40) : null;
  };
  switch (eventName) {
    case 'praise.received': {
      const who = person(p.employeeId);
      const subject = who && unitText ? (zh ? `${who}（${unitText}）` : `${who} (${unitText})`) : (who ?? unitText ?? (zh ? '我们' : 'us'));
      const quote = safe(c, p.text, 140);
      const points = typeof p.points === 'number' && p.points > 0 ? p.points : 0;
      const lines = [zh ? `顾客夸了 ${subject}：「${quote}」` : `A customer praised ${subject}: “${quote}”`];
      if (points && who) lines.push(zh ? `${who} 获得 ${points} 积分` : `${who} earns ${points} points`);
      return { title: zh ? '🎉 表扬' : '🎉 Praise', lines, link: linkTo(c, '/recognition/praise', '查看表扬墙', 'Open the praise wall'), tone: 'good' };
    }
    case 'case.created': {
      const priority = pick(PRIORITY[c.language], p.priority) ?? '';
      const lines = [safe(c, p.title, 80)];
      const who = person(p.employeeId);
      if (unitText || who) lines.push([unitText, who].filter(Boolean).join(' · '));
      return { title: zh ? `⚠️ 新工单（${priority}）` : `⚠️ New case (${priority})`, lines, link: linkTo(c, '/workbench', '去工作台处理', 'Handle it in the workbench'), tone: 'alert' };
    }
    case 'case.escalated': {
      const level = typeof p.level === 'number' ? p.level : 1;
      const reason = pick(ESCALATION_REASON[c.language], p.reason) ?? '';
      const owner = person(p.toOwnerId);
      const lines = [[reason, unitText].filter(Boolean).join(' · ')];
      if (owner) lines.push(zh ? `现由 ${owner} 处理` : `Now with ${owner}`);
      return { title: zh ? `⏫ 工单升级（第 ${level} 级）` : `⏫ Case escalated (level ${level})`, lines, link: linkTo(c, '/workbench', '去工作台处理', 'Open the workbench'), tone: 'alert' };
    }
    case 'warning.raised': {
      const kind = pick(WARNING_KIND[c.language], p.kind) ?? (zh ? '预警' : 'Warning');
      const lines = [[kind, unitText, person(p.employeeId)].filter(Boolean).join(' · ')];
      return { title: zh ? '🔔 预警' : '🔔 Early warning', lines, link: linkTo(c, '/workbench', '去工作台查看', 'Open the workbench'), tone: 'alert' };
    }
    case 'improvement.completed': {
      const count = typeof p.caseCount === 'number' ? p.caseCount : 0;
      const lines = [zh ? `「${safe(c, p.title)}」` : `“${safe(c, p.title)}”`];
      const owner = person(p.ownerId);
      const facts = [unitText, count > 0 ? (zh ? `关联 ${count} 个工单` : `${count} linked case${count === 1 ? '' : 's'}`) : null, owner ? (zh ? `负责人 ${owner}` : `led by ${owner}`) : null];
      if (facts.some(Boolean)) lines.push(facts.filter(Boolean).join(' · '));
      return { title: zh ? '✅ 改进项目完成' : '✅ Improvement project completed', lines, link: linkTo(c, '/improvements', '查看改进项目', 'See the projects'), tone: 'good' };
    }
    case 'idea.accepted': {
      const author = person(p.employeeId);
      const lines = [zh ? `「${safe(c, p.title)}」` : `“${safe(c, p.title)}”`];
      if (author) lines.push(zh ? `提出人 ${author}${unitText ? `（${unitText}）` : ''}` : `by ${author}${unitText ? ` (${unitText})` : ''}`);
      return { title: zh ? '💡 创意被采纳' : '💡 Idea accepted', lines, link: linkTo(c, '/recognition/ideas', '查看创意', 'See the ideas'), tone: 'good' };
    }
    default:
      return null;
  }
}

/** The test message: says which events the group will get and for which part of the organisation. */
export function renderTestMessage(c: RenderContext, events: string[], unitId: string | null): ChatMessage {
  const zh = c.language === 'zh-CN';
  const labels = events.map((e) => (EVENT_LABEL[c.language] as Record<string, string>)[e] ?? e).join(zh ? '、' : ', ');
  const unit = unitId ? c.names.unit(unitId, c.language) : null;
  const scope = unit ? (zh ? `${safe(c, unit, 40)}及其下级单位` : `${safe(c, unit, 40)} and the units below it`) : zh ? '全组织' : 'the whole organisation';
  return {
    title: zh ? '🔔 Lodestar 测试消息' : '🔔 Lodestar test message',
    lines: [zh ? `这个群将收到：${labels}` : `This group will receive: ${labels}`, zh ? `范围：${scope}` : `For: ${scope}`],
    link: linkTo(c, '/chat-robots', '管理群机器人', 'Manage chat robots'),
    tone: 'info',
  };
}
