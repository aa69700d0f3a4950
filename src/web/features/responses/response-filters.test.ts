import { describe, expect, it } from 'vitest';
import { filtersFromSearch, filtersToApiQuery, filtersToSearch, hasFilters, localDay } from './response-filters.ts';

const SURVEY = '0b5c6a1e-3f0e-4c1a-9d2b-7a8e9f001122';
const UNIT = '1c6d7b2f-4a1f-4d2b-8e3c-8b9fa0112233';

describe('response filters in the address', () => {
  it('round-trips every filter through the query string', () => {
    const filters = {
      surveyId: SURVEY,
      unitId: UNIT,
      employeeId: SURVEY,
      from: '2026-01-01',
      to: '2026-01-31',
      touchpoint: 'home_delivery',
      channel: 'delivery',
      npsBand: 'detractor' as const,
    };
    const search = filtersToSearch(filters);
    expect(search.toString()).toBe(
      `survey=${SURVEY}&unit=${UNIT}&employee=${SURVEY}&from=2026-01-01&to=2026-01-31&touchpoint=home_delivery&channel=delivery&band=detractor`,
    );
    expect(filtersFromSearch(new URLSearchParams(search.toString()))).toEqual(filters);
  });

  it('leaves out empty filters', () => {
    expect(filtersToSearch({ surveyId: SURVEY, unitId: undefined, touchpoint: '' }).toString()).toBe(`survey=${SURVEY}`);
    expect(hasFilters({})).toBe(false);
    expect(hasFilters({ channel: 'app' })).toBe(true);
  });

  it('drops values the API would refuse instead of failing the page', () => {
    const filters = filtersFromSearch(new URLSearchParams('survey=not-an-id&unit=&from=2026-02-30&to=yesterday&band=neutral&channel=app'));
    expect(filters).toEqual({ channel: 'app' });
  });

  it('swaps a reversed date range', () => {
    expect(filtersFromSearch(new URLSearchParams('from=2026-03-01&to=2026-02-01'))).toEqual({ from: '2026-02-01', to: '2026-03-01' });
  });

  it('sends days as instants: from the first day’s midnight to the midnight after the last day', () => {
    const query = filtersToApiQuery({ surveyId: SURVEY, from: '2026-01-01', to: '2026-01-31', npsBand: 'promoter' });
    expect(query).toEqual({
      surveyId: SURVEY,
      npsBand: 'promoter',
      from: new Date(2026, 0, 1).toISOString(),
      to: new Date(2026, 1, 1).toISOString(),
    });
    expect(localDay('2026-12-31').getDate()).toBe(31);
    expect(filtersToApiQuery({ to: '2026-12-31' }).to).toBe(new Date(2027, 0, 1).toISOString());
  });
});
