/**
 * Assessment templates: the built-in ones in code (templates.content.ts) and each organisation's own
 * copies, versioned like surveys. A copy starts at version 1; adding an item writes version n + 1 and
 * leaves earlier versions untouched, so an assessment created from one keeps meaning what it meant.
 */
import type { AssessmentItem, AssessmentSection, AssessmentTemplate } from '../../../contracts/culture.ts';
import type { LocalizedText } from '../../../contracts/surveys.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/database.ts';
import { conflict, invalid, notFound } from '../../platform/errors.ts';
import { BUILT_IN_TEMPLATES, isBuiltInTemplate } from './templates.content.ts';

interface TemplateRow {
  key: string;
  version: number;
  name: LocalizedText;
  sections: AssessmentSection[];
  based_on: string | null;
  created_at: Date;
}

const toTemplate = (r: TemplateRow): AssessmentTemplate => ({
  key: r.key,
  version: r.version,
  name: r.name,
  builtIn: false,
  basedOn: r.based_on,
  sections: r.sections,
  createdAt: r.created_at.toISOString(),
});

/** The built-in templates and the latest version of each of the organisation's own. */
export function listTemplates(ctx: AppContext, actor: Actor): Promise<{ items: AssessmentTemplate[] }> {
  authorize(actor, 'assessmentTemplate.read');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const rows = await tx.query<TemplateRow>(
      `SELECT DISTINCT ON (key) key, version, name, sections, based_on, created_at FROM assessment_templates
       WHERE org_id = $1 ORDER BY key, version DESC`,
      [actor.orgId],
    );
    return { items: [...BUILT_IN_TEMPLATES, ...rows.map(toTemplate)] };
  });
}

/** A template by key (the latest version unless one is asked for); null when there is none. */
export async function findTemplate(tx: Queryable, orgId: string, key: string, version?: number): Promise<AssessmentTemplate | null> {
  const builtIn = BUILT_IN_TEMPLATES.find((x) => x.key === key);
  if (builtIn) return version === undefined || version === builtIn.version ? builtIn : null;
  const [row] = await tx.query<TemplateRow>(
    `SELECT key, version, name, sections, based_on, created_at FROM assessment_templates
     WHERE org_id = $1 AND key = $2 AND ($3::int IS NULL OR version = $3) ORDER BY version DESC LIMIT 1`,
    [orgId, key, version ?? null],
  );
  return row ? toTemplate(row) : null;
}

/** Copies a template (its latest version) under a new key as the organisation's own, version 1. */
export function copyTemplate(ctx: AppContext, actor: Actor, sourceKey: string, input: { key: string; name: LocalizedText }): Promise<AssessmentTemplate> {
  authorize(actor, 'assessmentTemplate.manage');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const source = await findTemplate(tx, actor.orgId, sourceKey);
    if (!source) throw notFound('template');
    if (isBuiltInTemplate(input.key) || (await findTemplate(tx, actor.orgId, input.key))) throw conflict('template_exists', `a template with key ${input.key} exists`);
    const copy = await insertVersion(ctx, tx, actor, { key: input.key, version: 1, name: input.name, sections: source.sections, basedOn: source.key });
    await recordAudit(tx, ctx.clock, actor, { action: 'assessment_template.copied', entityType: 'assessment_template', entityId: input.key, after: { from: sourceKey } });
    return copy;
  });
}

/** Adds an item to a section of one of the organisation's own templates: a new version. */
export function addTemplateItem(ctx: AppContext, actor: Actor, key: string, input: { section: string; item: AssessmentItem }): Promise<AssessmentTemplate> {
  authorize(actor, 'assessmentTemplate.manage');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    if (isBuiltInTemplate(key)) throw conflict('built_in_template', 'built-in templates cannot be changed: copy it first');
    const current = await findTemplate(tx, actor.orgId, key);
    if (!current) throw notFound('template');
    const { section, item } = input;
    checkItem(item);
    if (!current.sections.some((s) => s.key === section)) throw invalid(`no section ${section} in this template`, { section: current.sections.map((s) => s.key) });
    if (current.sections.some((s) => s.items.some((i) => i.key === item.key))) throw conflict('item_exists', `the template already has an item ${item.key}`);
    const sections = current.sections.map((s) => (s.key === section ? { ...s, items: [...s.items, item] } : s));
    const next = await insertVersion(ctx, tx, actor, { key, version: current.version + 1, name: current.name, sections, basedOn: current.basedOn });
    await recordAudit(tx, ctx.clock, actor, { action: 'assessment_template.item_added', entityType: 'assessment_template', entityId: key, after: { version: next.version, section, item: item.key } });
    return next;
  });
}

/** A pillar belongs to likert items only (a pillar's index is a mean of 1–5 answers). */
function checkItem(item: AssessmentItem): void {
  if (item.pillar && item.type !== 'likert') throw invalid('only likert items may belong to a pillar', { field: 'item.pillar' });
}

async function insertVersion(
  ctx: AppContext,
  tx: Queryable,
  actor: Actor,
  v: { key: string; version: number; name: LocalizedText; sections: AssessmentSection[]; basedOn: string | null },
): Promise<AssessmentTemplate> {
  const rows = await tx.query<TemplateRow>(
      `INSERT INTO assessment_templates (org_id, key, version, name, sections, based_on, created_at, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING
       RETURNING key, version, name, sections, based_on, created_at`,
      [actor.orgId, v.key, v.version, JSON.stringify(v.name), JSON.stringify(v.sections), v.basedOn, ctx.clock.now(), actor.kind === 'user' ? actor.id : null],
  );
  // Two writers raced for the same version: the later one is told, never silently merged.
  if (!rows[0]) throw conflict('version_conflict', 'the template changed meanwhile: reload and try again');
  return toTemplate(rows[0]);
}
