/** Small builders that keep the checklists readable: Chinese first, English second, as in the glossary. */
import type { AuditArea, ChecklistItem } from '../../../contracts/audit.ts';

type Pair = readonly [zh: string, en: string];

export const area = (key: string, zh: string, en: string): AuditArea => ({ key, title: { 'zh-CN': zh, en } });

/** An item with its title and what each score 0..4 means. */
export function item(key: string, areaKey: string, title: Pair, guidance: readonly [Pair, Pair, Pair, Pair, Pair]): ChecklistItem {
  return { key, area: areaKey, title: { 'zh-CN': title[0], en: title[1] }, guidance: guidance.map(([zh, en]) => ({ 'zh-CN': zh, en })) };
}
