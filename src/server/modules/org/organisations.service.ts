import type { AppContext } from '../../platform/context.ts';
import { conflict } from '../../platform/errors.ts';

export interface Organisation {
  id: string;
  slug: string;
  name: string;
  nameEn: string | null;
}

/** Creating a tenant is a system act (the demo seed, the CLI, tests), never a tenant user's. */
export async function createOrganisation(
  ctx: AppContext,
  input: { slug: string; name: string; nameEn?: string | null; timeZone?: string },
): Promise<Organisation> {
  if (await findOrganisationBySlug(ctx, input.slug)) throw conflict('slug_taken', `organisation "${input.slug}" already exists`);
  const [row] = await ctx.db.system((tx) =>
    tx.query<{ id: string }>(
      `INSERT INTO organisations (slug, name, name_en, time_zone) VALUES ($1, $2, $3, $4) RETURNING id`,
      [input.slug, input.name, input.nameEn ?? null, input.timeZone ?? 'Asia/Shanghai'],
    ),
  );
  return { id: row!.id, slug: input.slug, name: input.name, nameEn: input.nameEn ?? null };
}

export async function findOrganisationBySlug(ctx: AppContext, slug: string): Promise<Organisation | null> {
  const [row] = await ctx.db.system((tx) =>
    tx.query<{ id: string; slug: string; name: string; name_en: string | null }>(
      `SELECT id, slug, name, name_en FROM organisations WHERE slug = $1`,
      [slug],
    ),
  );
  return row ? { id: row.id, slug: row.slug, name: row.name, nameEn: row.name_en } : null;
}
