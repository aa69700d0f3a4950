import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError } from '../errors.ts';

interface Mapped {
  status: number;
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

const FASTIFY_CODES: Record<string, [number, string, string]> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type', 'send the body as application/json'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'invalid_request', 'content length does not match the body'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'payload_too_large', 'the body is too large'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'invalid_json', 'the JSON body is empty'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'invalid_json', 'the body is not valid JSON'],
  FST_ERR_BAD_URL: [400, 'invalid_request', 'the URL is malformed'],
  FST_ERR_MAX_PARAM_LENGTH: [414, 'uri_too_long', 'a path segment is too long'],
  FST_ERR_ASYNC_CONSTRAINT: [400, 'invalid_request', 'the request is malformed'],
};

/** Maps any error to the API's `{error: {code, message, details}}`; database text never leaks. */
export function mapError(err: unknown): Mapped {
  if (err instanceof AppError) return { status: err.status, code: err.code, message: err.message, details: err.details };
  const e = err as FastifyError & { code?: string };
  if (hasZodFastifySchemaValidationErrors(e)) {
    const issues = e.validation.map((v) => ({
      field: `${e.validationContext ?? 'body'}${v.instancePath.replace(/\//g, '.')}`,
      message: v.message ?? 'invalid',
    }));
    return { status: 400, code: 'invalid_request', message: 'the request has invalid fields', details: { issues } };
  }
  if (isResponseSerializationError(e)) return internal();
  const fastifyCode = e.code ? FASTIFY_CODES[e.code] : undefined;
  if (fastifyCode) return { status: fastifyCode[0], code: fastifyCode[1], message: fastifyCode[2] };
  if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) && 'severity' in (e as object)) return mapPostgres(e.code);
  if (e.statusCode === 429) return { status: 429, code: 'rate_limited', message: 'too many requests, try again shortly' };
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
    return { status: e.statusCode, code: 'invalid_request', message: 'the request is malformed' };
  }
  return internal();
}

// SQLSTATE classes: 22 data exception (value out of range, bad text), 23 integrity, 42501 RLS refusal.
function mapPostgres(code: string): Mapped {
  if (code.startsWith('22')) return { status: 400, code: 'invalid_request', message: 'a value is out of range or malformed' };
  if (code === '23505') return { status: 409, code: 'conflict', message: 'a record with the same unique value exists' };
  if (code === '23503') return { status: 400, code: 'invalid_reference', message: 'a referenced record does not exist' };
  if (code.startsWith('23')) return { status: 400, code: 'invalid_request', message: 'the data breaks a rule' };
  if (code === '42501') return { status: 403, code: 'forbidden', message: 'not allowed' };
  return internal();
}

const internal = (): Mapped => ({ status: 500, code: 'internal_error', message: 'something went wrong on our side' });

/** Answers any error in the API's format; also Fastify's `frameworkErrors` (bad URL encoding, over-long path segments), which fail before routing. */
export function sendError(err: unknown, req: FastifyRequest, reply: FastifyReply) {
  const mapped = mapError(err);
  if (mapped.status >= 500) req.log.error({ err }, 'request failed');
  else req.log.info({ code: mapped.code }, 'request refused');
  return reply
    .status(mapped.status)
    .send({ error: { code: mapped.code, message: mapped.message, ...(mapped.details ? { details: mapped.details } : {}) } });
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler(sendError);
}
