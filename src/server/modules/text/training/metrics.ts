/**
 * The figures eval:text prints for a labelled set: accuracy counting a
 * "neutral" verdict on a positive or negative text as wrong, accuracy by the
 * sign of the score alone, how many polar texts were called neutral, and
 * precision and recall of each class (neutral verdicts count against recall).
 */

export interface ClassFigures {
  precision: number;
  recall: number;
}

export interface PolarFigures {
  n: number;
  accuracy: number;
  bySign: number;
  neutralShare: number;
  positive: ClassFigures;
  negative: ClassFigures;
}

/** A verdict for a text with a true label 0 (negative) or 1 (positive): p of positive and whether it was called neutral. */
export interface Verdict {
  label: 0 | 1;
  p: number;
  neutral: boolean;
}

/** The figures of a set of verdicts on polar texts. */
export function polarFigures(verdicts: readonly Verdict[]): PolarFigures {
  let right = 0;
  let sign = 0;
  let neutral = 0;
  const truePos = [0, 0];
  const called = [0, 0];
  const actual = [0, 0];
  for (const v of verdicts) {
    actual[v.label]!++;
    if (v.p > 0.5 === (v.label === 1)) sign++;
    if (v.neutral) {
      neutral++;
      continue;
    }
    const said = v.p > 0.5 ? 1 : 0;
    called[said]!++;
    if (said === v.label) {
      right++;
      truePos[said]!++;
    }
  }
  const n = verdicts.length;
  const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
  return {
    n,
    accuracy: ratio(right, n),
    bySign: ratio(sign, n),
    neutralShare: ratio(neutral, n),
    positive: { precision: ratio(truePos[1]!, called[1]!), recall: ratio(truePos[1]!, actual[1]!) },
    negative: { precision: ratio(truePos[0]!, called[0]!), recall: ratio(truePos[0]!, actual[0]!) },
  };
}

const pct = (x: number) => (x * 100).toFixed(1).padStart(5);

/** One table row: name, n, accuracy (neutral wrong), by sign, neutral share, P/R positive, P/R negative. */
export function formatFigures(name: string, f: PolarFigures): string {
  return `${name.padEnd(24)} ${String(f.n).padStart(6)}  ${pct(f.accuracy)}  ${pct(f.bySign)}  ${pct(f.neutralShare)}   ${pct(f.positive.precision)} ${pct(f.positive.recall)}   ${pct(f.negative.precision)} ${pct(f.negative.recall)}`;
}

export const FIGURES_HEADER = `${'model'.padEnd(24)} ${'n'.padStart(6)}  ${'acc'.padStart(5)}  ${'sign'.padStart(5)}  ${'neu'.padStart(5)}   ${'P+'.padStart(5)} ${'R+'.padStart(5)}   ${'P−'.padStart(5)} ${'R−'.padStart(5)}`;
