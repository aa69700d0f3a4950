import fs from 'node:fs';
import path from 'node:path';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import helmet from 'helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Database } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { logDestination, processMetrics, type LogFormat } from '../observability/index.ts';
import { registerErrorHandler, sendError } from './error-handler.ts';
import { registerJsonParser } from './json-body.ts';
import { databaseRateLimitStore } from './rate-limit-store.ts';

export type HttpApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export interface HttpOptions {
  logLevel?: string;
  /** JSON lines, short lines for a terminal, or `auto` (short on a TTY); see observability/log-output.ts. */
  logFormat?: LogFormat;
  /** With a PostgreSQL database, rate-limit counters live there so they hold across app nodes. */
  db?: Database;
  /** Folder with the built web app; served at / with SPA fallback when present. */
  webDir?: string;
}

/**
 * The Fastify app every module registers routes on: zod contracts, OpenAPI,
 * security headers, rate limits, one error format. main.ts adds authentication.
 */
export async function createHttpApp(options: HttpOptions): Promise<HttpApp> {
  const app = Fastify({
    logger: {
      level: options.logLevel ?? 'info',
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]'], censor: '[redacted]' },
      stream: logDestination(options.logFormat ?? 'auto'),
    },
    bodyLimit: 1024 * 1024,
    trustProxy: false,
    // Ids in our URLs are UUIDs; anything longer is noise or an attack.
    routerOptions: { maxParamLength: 200 },
    frameworkErrors: sendError,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerJsonParser(app);
  registerErrorHandler(app);

  await app.register(cookie);
  // Built once: @fastify/helmet rebuilt and re-parsed the whole policy on every request (it showed in a CPU profile of ingestion).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // antd writes its CSS-in-JS into <style> elements at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    // Cross-origin isolation headers would block the docs page's assets for no gain here.
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onRequest', (req, reply, done) => securityHeaders(req.raw, reply.raw, (err?: unknown) => done(err as Error | undefined)));
  // Request timings by route template (bounded labels: never the raw URL with its ids and tokens).
  const { httpDuration } = processMetrics();
  app.addHook('onResponse', (req, reply, done) => {
    httpDuration.observe({ method: req.method, route: req.routeOptions.url ?? 'unmatched', status_code: String(reply.statusCode) }, reply.elapsedTime / 1000);
    done();
  });
  await app.register(rateLimit, {
    global: false,
    ...(options.db?.kind === 'postgres' ? { store: databaseRateLimitStore(options.db) } : {}),
    errorResponseBuilder: (_req, ctx) =>
      new AppError(429, 'rate_limited', `too many requests, try again in ${Math.ceil(ctx.ttl / 1000)} s`),
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Lodestar API', version: '1.0.0', description: 'Experience management: listen, understand, act, recognise.' },
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'an API key from POST /api/v1/api-keys' },
          session: { type: 'apiKey', in: 'cookie', name: '__Host-lodestar_session' },
        },
      },
      security: [{ apiKey: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  // The docs page loads only its own scripts, so the app-wide CSP above covers it.
  await app.register(swaggerUi, { routePrefix: '/api/v1/docs' });
  app.get('/api/v1/openapi.json', { config: { auth: false }, schema: { hide: true } }, () => app.swagger());

  if (options.webDir && fs.existsSync(path.join(options.webDir, 'index.html'))) await serveWeb(app, options.webDir);
  else registerApiNotFound(app);
  return app as unknown as HttpApp;
}

async function serveWeb(app: FastifyInstance, webDir: string): Promise<void> {
  await app.register(fastifyStatic, { root: path.resolve(webDir), wildcard: false, index: false });
  const indexHtml = fs.readFileSync(path.join(webDir, 'index.html'));
  app.get('/', { config: { auth: false }, schema: { hide: true } }, (_req, reply) => reply.type('text/html').send(indexHtml));
  app.setNotFoundHandler((req, reply) => {
    if (req.method === 'GET' && !req.url.startsWith('/api/')) {
      // Hashed assets live under /assets; any other path is a client-side route.
      if (req.url.startsWith('/assets/')) return reply.status(404).send('not found');
      return reply.type('text/html').send(indexHtml);
    }
    return sendNotFound(reply);
  });
}

function registerApiNotFound(app: FastifyInstance): void {
  app.setNotFoundHandler((_req, reply) => sendNotFound(reply));
}

function sendNotFound(reply: import('fastify').FastifyReply) {
  return reply.status(404).send({ error: { code: 'not_found', message: 'no such route' } });
}
