/**
 * What an invitation carries besides the unit: the employee's culture level and tenure band, fixed when
 * the invitation is issued (a later promotion does not move an answer already given).
 *
 * Level: the position's `culture_level` when an admin has set it. Otherwise it is inferred, in this order:
 *  1. the position's name (Chinese or English) names a C-level role (chief …, CEO/CFO/COO/CTO/CIO/CXO,
 *     总裁, 首席, 董事长) → `c_suite`; a senior executive (director, vice president, VP, head of, 总监,
 *     副总, 大区经理/regional manager) → `executive`; a manager (manager, supervisor, team lead, 经理,
 *     主管, 店长, 组长) → `manager`; a support function (analyst, HR, finance, IT, logistics, warehouse,
 *     back office, admin, 分析, 人事, 财务, 行政, 后勤, 仓库, 支持) → `support`;
 *  2. anyone who manages other employees → `manager`;
 *  3. everyone else → `non_manager` (the front line).
 * Tenure band: from `employees.started_on`; unknown (NULL) when it is not recorded.
 */
import type { Level, TenureBand } from './vocabulary.ts';
import { isLevel } from './vocabulary.ts';

export interface PositionFacts {
  cultureLevel: string | null;
  name: string;
  nameEn: string | null;
  /** Whether the employee is anyone's manager. */
  managesOthers: boolean;
}

const RULES: Array<[Level, RegExp]> = [
  ['c_suite', /\b(chief|ceo|cfo|coo|cto|cio|cxo|cmo|president)\b|总裁|首席|董事长/i],
  ['executive', /\b(director|vice president|vp|head of|regional manager|general manager)\b|总监|副总|大区经理|总经理/i],
  ['manager', /\b(manager|supervisor|team lead|lead)\b|经理|主管|店长|组长/i],
  ['support', /\b(analyst|hr|human resources|finance|accountant|it|logistics|warehouse|back office|admin|administrator|support)\b|分析|人事|财务|会计|行政|后勤|仓库|支持/i],
];

export function levelOf(p: PositionFacts): Level {
  if (isLevel(p.cultureLevel)) return p.cultureLevel;
  const names = `${p.name} ${p.nameEn ?? ''}`;
  for (const [level, pattern] of RULES) if (pattern.test(names)) return level;
  return p.managesOthers ? 'manager' : 'non_manager';
}

/** Whole years between the start date and `now` (UTC calendar), banded; null without a start date. */
export function tenureBandOf(startedOn: Date | string | null, now: Date): TenureBand | null {
  if (startedOn === null) return null;
  const start = typeof startedOn === 'string' ? new Date(`${startedOn.slice(0, 10)}T00:00:00Z`) : startedOn;
  if (Number.isNaN(start.getTime())) return null;
  let years = now.getUTCFullYear() - start.getUTCFullYear();
  const beforeAnniversary = now.getUTCMonth() < start.getUTCMonth() || (now.getUTCMonth() === start.getUTCMonth() && now.getUTCDate() < start.getUTCDate());
  if (beforeAnniversary) years -= 1;
  if (years < 1) return 'lt1';
  if (years < 3) return 'y1_3';
  if (years < 5) return 'y3_5';
  return 'y5_plus';
}
