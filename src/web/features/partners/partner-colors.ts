import type { Partner, PartnerFit } from './partners.api.ts';

/** Tag colours for a partner's kind and a CX-fit band. */
export const KIND_COLOR: Record<Partner['kind'], string> = { supplier: 'gold', franchisee: 'purple', logistics: 'blue', vendor: 'cyan' };
export const BAND_COLOR: Record<PartnerFit['band'], string> = { strong: 'green', fair: 'gold', weak: 'red' };
