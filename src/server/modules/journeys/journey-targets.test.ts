import { describe, expect, it } from 'vitest';
import type { Measure } from '../../../contracts/journeys.ts';
import { cardStatus } from './journey-targets.ts';

const m = (status: Measure['status']): Measure => ({ value: status === 'insufficient' ? null : 1, n: status === 'insufficient' ? 2 : 50, target: 1, status });

describe('a touchpoint card’s colour', () => {
  it('is the worst targeted measure, so a met headline cannot hide a missed resolution time', () => {
    expect(cardStatus(m('met'), [m('met'), m('missed'), m('met')])).toBe('missed');
    expect(cardStatus(m('met'), [m('met'), m('near'), m('untargeted')])).toBe('near');
    expect(cardStatus(m('near'), [m('near'), m('met')])).toBe('near');
    expect(cardStatus(m('met'), [m('met'), m('insufficient'), m('untargeted')])).toBe('met');
  });

  it('is grey while the headline measure has too few answers, whatever the others say', () => {
    expect(cardStatus(m('insufficient'), [m('insufficient'), m('missed')])).toBe('insufficient');
  });
});
