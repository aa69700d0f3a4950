import type { Database } from '../platform/db/database.ts';
import type { HttpApp } from '../platform/http/app.ts';

/** A JSON Schema node as it appears in the OpenAPI document (only the parts the sweeps read). */
export interface JsonSchemaNode {
  type?: string | string[];
  properties?: Record<string, JsonSchemaNode>;
  items?: JsonSchemaNode;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  maxLength?: number;
  nullable?: boolean;
  required?: string[];
  anyOf?: JsonSchemaNode[];
  oneOf?: JsonSchemaNode[];
}

/** One operation of the running app, as the security sweeps see it. */
export interface RouteInfo {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Fastify style, e.g. `/api/v1/units/:id`. */
  url: string;
  /** Path parameter names in order, e.g. `['id']`. */
  params: string[];
  /** Query parameter names, e.g. `['limit', 'cursor', 'unitId']`. */
  query: string[];
  hasBody: boolean;
  /** The JSON request body's schema, when the route declares one. */
  bodySchema?: JsonSchemaNode;
  /** The route opted out of authentication (`config: {auth: false}` → `security: []`). */
  isPublic: boolean;
  /** Server-sent events (`text/event-stream`, or a path ending in `/stream`): an inject would never end. */
  isStream: boolean;
}

interface Operation {
  security?: unknown[];
  parameters?: { in: string; name: string }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchemaNode }> };
  responses?: Record<string, { content?: Record<string, unknown> }>;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/**
 * Every documented operation of the app, read from its OpenAPI document, which
 * is generated from each route's zod schemas: routes added by later modules
 * are covered by the sweeps without touching them. Hidden routes (the docs
 * UI, the OpenAPI document itself) are left out.
 */
export function listRoutes(app: HttpApp): RouteInfo[] {
  const doc = app.swagger() as { paths?: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>> };
  const routes: RouteInfo[] = [];
  for (const [path, ops] of Object.entries(doc.paths ?? {})) {
    for (const m of METHODS) {
      const op = ops[m];
      if (!op) continue;
      const content = op.requestBody?.content;
      routes.push({
        method: m.toUpperCase() as RouteInfo['method'],
        url: path.replace(/\{([^}]+)\}/g, ':$1'),
        params: [...path.matchAll(/\{([^}]+)\}/g)].map((x) => x[1]!),
        query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        hasBody: content !== undefined,
        bodySchema: content?.['application/json']?.schema,
        isPublic: Array.isArray(op.security) && op.security.length === 0,
        isStream: path.endsWith('/stream') || Object.values(op.responses ?? {}).some((r) => 'text/event-stream' in (r.content ?? {})),
      });
    }
  }
  return routes;
}

/** Write operations (POST, PUT, PATCH, DELETE). */
export const isWrite = (r: RouteInfo): boolean => r.method !== 'GET';

/** Fills a route's path parameters: `fill(name)` gives the value, which is URL-encoded here. */
export function fillPath(route: RouteInfo, fill: (param: string) => string): string {
  return route.url.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => encodeURIComponent(fill(name)));
}

/** Whether a path parameter names a record (`id`, `employeeId`, …) rather than a kind or a token. */
export const isIdParam = (name: string): boolean => name === 'id' || /Id$/.test(name);

/** Every property path of a body schema, nested objects included (e.g. `['authority', 'currency']`). */
export function fieldPaths(schema: JsonSchemaNode | undefined, prefix: string[] = []): string[][] {
  if (!schema) return [];
  const variants = [schema, ...(schema.anyOf ?? []), ...(schema.oneOf ?? [])];
  const out: string[][] = [];
  for (const v of variants) {
    for (const [key, child] of Object.entries(v.properties ?? {})) {
      out.push([...prefix, key], ...fieldPaths(child, [...prefix, key]));
    }
  }
  return out;
}

/** The smallest body a schema accepts: required fields only, first enum members, `id` for every uuid, a far-future date for dates, `text` for free text. */
export function minimalBody(schema: JsonSchemaNode | undefined, id: string, text = 'x'): unknown {
  if (!schema) return undefined;
  if (schema.enum) return schema.enum[0];
  const first = schema.anyOf?.[0] ?? schema.oneOf?.[0];
  if (first) return minimalBody(first, id, text);
  const type = Array.isArray(schema.type) ? schema.type.find((x) => x !== 'null') : schema.type;
  if (type === 'object' || schema.properties) {
    const required = (schema.required ?? []).filter((k) => schema.properties?.[k]);
    return Object.fromEntries(required.map((k) => [k, minimalBody(schema.properties![k], id, text)]));
  }
  if (type === 'array') return [];
  if (type === 'number' || type === 'integer') return 1;
  if (type === 'boolean') return false;
  if (schema.format === 'uuid') return id;
  if (schema.format === 'email') return 'someone@example.com';
  // A valid, far-future instant or day, so a required date never stops a request before its ids are checked.
  if (schema.format === 'date-time') return '2030-01-01T00:00:00Z';
  if (schema.format === 'date') return '2030-01-01';
  if (schema.pattern) return 'CNY';
  return text;
}

/** The id of every record an organisation owns, in every table with `org_id` and a uuid `id` (tables added later included). */
export async function recordIds(db: Database, orgId: string): Promise<string[]> {
  return db.tenant(orgId, async (tx) => {
    const tables = await tx.query<{ table_name: string }>(
      `SELECT c.table_name FROM information_schema.columns c
       WHERE c.table_schema = 'public' AND c.column_name = 'id' AND c.data_type = 'uuid'
         AND EXISTS (SELECT 1 FROM information_schema.columns o
                     WHERE o.table_schema = 'public' AND o.table_name = c.table_name AND o.column_name = 'org_id')
       ORDER BY 1`,
    );
    if (!tables.length) return [];
    const sql = tables.map((t) => `SELECT id::text AS id FROM "${t.table_name}"`).join(' UNION ALL ');
    return (await tx.query<{ id: string }>(sql)).map((r) => r.id);
  });
}
