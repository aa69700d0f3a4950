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

describe('driver regression with dependent dummies', () => {
  it('keeps the drivers that add information when two channel dummies add up to a touchpoint dummy', () => {
    // Store visits arrive by two channels (kiosk, app) and nothing else does: kiosk + app = the store column.
    const channels = ['kiosk', 'app', 'phone'];
    const rows = Array.from({ length: 60 }, (_, i) => {
      const channel = channels[i % 3]!;
      return { nps: (i * 7) % 11, answers: { csat: 1 + ((i * 2) % 5) }, touchpoint: channel === 'phone' ? 'hotline' : 'store', channel, fcr: null, minutes: 5 + ((i * 3) % 13), amount: null };
    });
    const res = regress(rows as never, [
      { driver: 'question:csat', kind: 'question', value: (r) => r.answers.csat as number },
      { driver: 'touchpoint:store', kind: 'touchpoint', value: (r) => (r.touchpoint === 'store' ? 1 : 0) },
      { driver: 'channel:kiosk', kind: 'channel', value: (r) => (r.channel === 'kiosk' ? 1 : 0) },
      { driver: 'channel:app', kind: 'channel', value: (r) => (r.channel === 'app' ? 1 : 0) },
      { driver: 'odata:resolutionMinutes', kind: 'odata', value: (r) => r.minutes },
    ]);
    expect(res.r2).not.toBeNull();
    // Three of the four dummy-and-score columns survive; the one the others already span goes.
    expect(res.drivers.map((d) => d.driver)).toEqual(expect.arrayContaining(['question:csat', 'touchpoint:store', 'channel:kiosk', 'odata:resolutionMinutes']));
    expect(res.drivers.map((d) => d.driver)).not.toContain('channel:app');
    for (const d of res.drivers) expect(Number.isFinite(d.coefficient) && Number.isFinite(d.pValue)).toBe(true);
  });
});
