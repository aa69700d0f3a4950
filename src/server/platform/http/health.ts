import { z } from 'zod';
import type { Database } from '../db/database.ts';
import type { HttpApp } from './app.ts';

/** Liveness plus a real round trip to the database, for load balancers and `npm start` checks. */
export function registerHealthRoute(app: HttpApp, db: Database): void {
  app.get(
    '/api/v1/health',
    {
      config: { auth: false },
      schema: {
        tags: ['platform'],
        security: [],
        response: { 200: z.object({ status: z.literal('ok'), db: z.enum(['pglite', 'postgres']) }) },
      },
    },
    async () => {
      await db.system((tx) => tx.query('SELECT 1'));
      return { status: 'ok' as const, db: db.kind };
    },
  );
}
