import { describe, expect, it } from 'vitest';
import { regress } from './insights.service.ts';

describe('driver regression', () => {
  it('drops a driver identical to an earlier one instead of giving up on a singular matrix', () => {
    // Every home delivery goes by the delivery channel: the two dummies are the same column.
    const rows = Array.from({ length: 40 }, (_, i) => ({ nps: i % 2 ? 4 + (i % 3) : 9 - (i % 4), answers: {}, touchpoint: i % 2 ? 'home_delivery' : 'store', channel: i % 2 ? 'delivery' : 'store', fcr: i % 5 !== 0, minutes: 10 + (i % 7), amount: 100 }));
    const res = regress(rows as never, [
      { driver: 'touchpoint:home_delivery', kind: 'touchpoint', value: (r) => (r.touchpoint === 'home_delivery' ? 1 : 0) },
      { driver: 'channel:delivery', kind: 'channel', value: (r) => (r.channel === 'delivery' ? 1 : 0) },
      { driver: 'odata:resolutionMinutes', kind: 'odata', value: (r) => r.minutes },
    ]);
    expect(res.drivers.map((d) => d.driver).sort()).toEqual(['odata:resolutionMinutes', 'touchpoint:home_delivery']);
    expect(res.r2).not.toBeNull();
  });
});
