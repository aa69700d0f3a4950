/** The built-in audit templates (in code, like the culture module's) and the checklist an audit copies. */
import type { AuditTemplate, AuditTemplateKey } from '../../../contracts/audit.ts';
import type { Actor } from '../../platform/actor.ts';
import { authorize } from '../../platform/authz.ts';
import { EXPERIENCE_AUDIT } from './templates.experience.ts';
import { MYSTERY_DELIVERY, MYSTERY_PHONE, MYSTERY_STORE } from './templates.mystery.ts';

export const AUDIT_TEMPLATES: readonly AuditTemplate[] = [EXPERIENCE_AUDIT, MYSTERY_STORE, MYSTERY_PHONE, MYSTERY_DELIVERY];

export const templateOf = (key: string): AuditTemplate | undefined => AUDIT_TEMPLATES.find((t) => t.key === key);

/** What an audit stores as its own copy: the areas and items, guidance included. */
export type Checklist = Pick<AuditTemplate, 'areas' | 'items'>;
export const checklistOf = (key: AuditTemplateKey): Checklist => {
  const t = templateOf(key)!;
  return { areas: t.areas, items: t.items };
};

export function listAuditTemplates(actor: Actor): { items: AuditTemplate[] } {
  authorize(actor, 'experienceAudit.read');
  return { items: [...AUDIT_TEMPLATES] };
}
