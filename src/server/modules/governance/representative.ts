/**
 * Choosing the verbatims a committee reads: comments that stand for what many
 * customers said, not the loudest one.
 *
 * Method. Comments are grouped by topic and the largest topics go first (a
 * topic's size is how many customers raised it). Within a topic, each comment
 * is compared with the topic's "typical comment", made of two parts:
 *   - its sentiment: the median score of the topic's comments, with the median
 *     absolute deviation (MAD) as the unit of distance, so a topic whose
 *     comments all sound alike punishes an outlier more than a divided one;
 *   - its content: the centroid of the comments' keyword vectors (how often
 *     each keyword occurs in the topic), compared by cosine similarity, so the
 *     chosen comment talks about what the others talk about.
 * The comment nearest to both (|score − median| / MAD + (1 − cosine)) stands for
 * its topic. The most extreme comment of a topic is far from the median by
 * construction, so it is chosen only when it is also the most typical (for
 * instance when every comment is equally extreme). Very short comments ("差")
 * say nothing a committee can act on and are never chosen, though they count
 * towards their topic's size. One verbatim per topic for the three largest
 * topics; with fewer topics, the next most typical comments of the largest.
 */

export interface Comment {
  id: string;
  text: string;
  topics: string[];
  keywords: string[];
  score: number;
}

export interface RepresentativeChoice<C extends Comment> {
  comment: C;
  topic: string;
  topicSize: number;
  topicMedianScore: number;
}

/** Comments shorter than this (in characters, trimmed) are never chosen. */
export const MIN_VERBATIM_LENGTH = 6;
/** The sentiment unit never shrinks below this, so tiny score differences in a unanimous topic do not dominate. */
const MIN_SPREAD = 0.05;

export function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function centroidOf(comments: Comment[]): Map<string, number> {
  const weights = new Map<string, number>();
  for (const c of comments) for (const k of new Set(c.keywords)) weights.set(k, (weights.get(k) ?? 0) + 1 / comments.length);
  return weights;
}

/** Cosine between a comment's keyword set (each keyword weight 1) and the centroid. */
function cosine(keywords: string[], centroid: Map<string, number>): number {
  const set = new Set(keywords);
  if (set.size === 0) return 0;
  let dot = 0;
  for (const k of set) dot += centroid.get(k) ?? 0;
  let norm = 0;
  for (const w of centroid.values()) norm += w * w;
  return norm === 0 ? 0 : dot / (Math.sqrt(set.size) * Math.sqrt(norm));
}

/** The topic's comments ordered from most to least typical, with the topic's median. */
export function rankByTypicality<C extends Comment>(comments: C[]): { ranked: C[]; median: number } {
  const m = median(comments.map((c) => c.score));
  const spread = Math.max(median(comments.map((c) => Math.abs(c.score - m))), MIN_SPREAD);
  const centroid = centroidOf(comments);
  const distance = new Map(comments.map((c) => [c, Math.abs(c.score - m) / spread + (1 - cosine(c.keywords, centroid))]));
  const ranked = comments
    .filter((c) => c.text.trim().length >= MIN_VERBATIM_LENGTH)
    .sort((a, b) => distance.get(a)! - distance.get(b)! || a.id.localeCompare(b.id));
  return { ranked, median: m };
}

/** Up to `count` representative comments: one per largest topic, then more from the largest. */
export function chooseRepresentative<C extends Comment>(comments: C[], count = 3): RepresentativeChoice<C>[] {
  const byTopic = new Map<string, C[]>();
  for (const c of comments) for (const topic of new Set(c.topics)) byTopic.set(topic, [...(byTopic.get(topic) ?? []), c]);
  const topics = [...byTopic.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
  const chosen: RepresentativeChoice<C>[] = [];
  const taken = new Set<string>();
  const rankings = topics.map(([topic, members]) => ({ topic, size: members.length, ...rankByTypicality(members) }));
  const takeFrom = (r: (typeof rankings)[number]) => {
    const next = r.ranked.find((c) => !taken.has(c.id));
    if (!next) return false;
    taken.add(next.id);
    chosen.push({ comment: next, topic: r.topic, topicSize: r.size, topicMedianScore: r.median });
    return true;
  };
  for (const r of rankings) {
    if (chosen.length >= count) break;
    takeFrom(r);
  }
  // Fewer topics than verbatims wanted: more from the largest topics, in order.
  for (const r of rankings) {
    while (chosen.length < count && takeFrom(r));
  }
  return chosen;
}
