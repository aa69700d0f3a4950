/**
 * The labelled Chinese corpus the sentiment model learns from: the shopping
 * reviews plus the extra public sources in the shared data folder, each with
 * its own seeded hold-out split (10 % of every group and label, never trained
 * on), and a weight that says how much it should count. Off-domain, noisy
 * sources (Weibo, chat) count less, so they teach vocabulary without setting
 * the model's notion of what a customer comment is.
 */
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { seededRandom } from '../../../platform/seeded-random.ts';

const SHARED_DATA = new URL('../../../../../../shared/data/', import.meta.url).pathname;
export const DATA_DIR = process.env.LODESTAR_TEXT_DATA_DIR ?? SHARED_DATA;

/** Fraction of every (group, label) held out for testing; fixed with the seed so train and eval agree. */
export const TEST_FRACTION = 0.1;
export const SPLIT_SEED = 20260507;

export type SourceKind = 'service' | 'product' | 'social';

export interface SourceInfo {
  name: string;
  /** Path under the data folder. */
  file: string;
  kind: SourceKind;
  /** Weight of each of its rows in training (relative to a shopping review). */
  weight: number;
}

/** Every source, closest to customer-service comments first. */
export const SOURCES: readonly SourceInfo[] = [
  { name: 'meituan_hotpot_wuhan', file: 'extra/meituan_hotpot_wuhan.csv', kind: 'service', weight: 1 },
  { name: 'restaurant_acos_zh', file: 'extra/restaurant_acos_zh.csv', kind: 'service', weight: 1 },
  { name: 'dianping_wshuyi', file: 'extra/dianping_wshuyi.csv', kind: 'service', weight: 1 },
  { name: 'asap_dianping_samples', file: 'extra/asap_dianping_samples.csv', kind: 'service', weight: 1 },
  { name: 'nlpcc2014_sc', file: 'extra/nlpcc2014_sc.csv', kind: 'service', weight: 1 },
  { name: 'shopping', file: 'reviews-zh-train.csv', kind: 'product', weight: 1 },
  { name: 'fewclue_eprstmt', file: 'extra/fewclue_eprstmt.csv', kind: 'product', weight: 1 },
  { name: 'senticnet_zh_reviews', file: 'extra/senticnet_zh_reviews.csv', kind: 'product', weight: 1 },
  { name: 'chinese_conversation_xs_test', file: 'extra/chinese_conversation_xs_test.csv', kind: 'social', weight: 0.5 },
  { name: 'smp2020_ewect', file: 'extra/smp2020_ewect.csv', kind: 'social', weight: 0.3 },
  { name: 'weibo_senti_100k_partial', file: 'extra/weibo_senti_100k_partial.csv', kind: 'social', weight: 0.2 },
];

export interface LabelledText {
  source: string;
  /** The shopping category, or the source again: what the split stratifies by. */
  group: string;
  label: 0 | 1;
  text: string;
  isTest: boolean;
}

/** Reads one source's CSV (`cat,label,review` or `source,label,review`), skipping rows without text or label. */
export function readSource(info: SourceInfo, dir = DATA_DIR): Array<Omit<LabelledText, 'isTest'>> {
  const path = `${dir}${info.file}`;
  if (!fs.existsSync(path)) return [];
  const rows = parse(fs.readFileSync(path), { columns: true, skip_empty_lines: true, relax_column_count: true }) as Array<Record<string, string>>;
  return rows
    .filter((r) => r.review && r.review.trim() !== '' && (r.label === '0' || r.label === '1'))
    .map((r) => ({ source: info.name, group: r.cat ?? info.name, label: r.label === '1' ? 1 : 0, text: r.review! }));
}

/** Marks TEST_FRACTION of each (group, label) as held out, chosen by a seeded shuffle. */
export function markHeldOut(rows: Array<Omit<LabelledText, 'isTest'>>, seed = SPLIT_SEED): LabelledText[] {
  const groups = new Map<string, Array<Omit<LabelledText, 'isTest'>>>();
  for (const r of rows) {
    const key = `${r.group}\u0001${r.label}`;
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  const random = seededRandom(seed);
  const out: LabelledText[] = [];
  for (const key of [...groups.keys()].sort()) {
    const group = groups.get(key)!;
    for (let i = group.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [group[i], group[j]] = [group[j]!, group[i]!];
    }
    const nTest = Math.round(group.length * TEST_FRACTION);
    group.forEach((r, i) => out.push({ ...r, isTest: i < nTest }));
  }
  return out;
}

/** The whole corpus, every source split on its own. Sources whose file is missing are skipped (and reported by the caller). */
export function readCorpus(dir = DATA_DIR): LabelledText[] {
  return SOURCES.flatMap((s) => markHeldOut(readSource(s, dir)));
}

export const sourceInfo = (name: string): SourceInfo => SOURCES.find((s) => s.name === name)!;
