/**
 * Praise detection: a positive comment about the service or the people who gave
 * it ("店员很热情", "the courier was lovely"), or naming one of the
 * organisation's staff, marks its response as praise; recognition reads it.
 * A positive comment about a product alone ("东西很好用") is not praise.
 */
import type { SentimentLabel } from './sentiment.ts';

const ZH_SERVICE_CUES = [
  '服务', '态度', '店员', '服务员', '客服', '快递员', '快递小哥', '外卖小哥', '小哥', '骑手', '配送员', '送货员', '师傅', '经理', '店长', '工作人员',
  '前台', '导购', '收银员', '司机', '销售', '顾问', '热情', '耐心', '周到', '贴心', '礼貌', '专业', '负责', '用心', '感谢', '谢谢', '点赞', '辛苦',
];
const EN_SERVICE_CUE = /\b(?:service|staff|courier|driver|agent|waiter|waitress|manager|cashier|clerk|receptionist|team|rider|helpful|friendly|polite|patient|thank|thanks|kind|courteous)\b/;

/** True when a positive comment is about service or names one of the staff. */
export function isPraise(normalized: string, label: SentimentLabel, staffNames: readonly string[]): boolean {
  if (label !== 'positive') return false;
  if (staffNames.some((name) => name.length >= 2 && normalized.includes(name.normalize('NFKC').toLowerCase()))) return true;
  return ZH_SERVICE_CUES.some((cue) => normalized.includes(cue)) || EN_SERVICE_CUE.test(normalized);
}
