/**
 * Signs and sends one webhook request (Standard Webhooks, v1 = HMAC-SHA256):
 * `webhook-signature: v1,<base64 HMAC of "id.timestamp.body" keyed by the
 * base64-decoded part of the whsec_ secret>`. Nothing here touches the database.
 */
import { createHmac, randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { ChatRobotKind } from '../../../contracts/channels.ts';
import { prepareRobotRequest, robotRefusal } from './chat-robots.formats.ts';
import { checkWebhookUrl, guardedLookup } from './webhooks.url-guard.ts';

export const SECRET_PREFIX = 'whsec_';
export const TIMEOUT_MS = 10_000;
/** Characters of the receiver's answer kept in the delivery log. */
export const LOGGED_BODY_CHARS = 1000;
const READ_LIMIT_BYTES = 16 * 1024;

/** A new signing secret: whsec_ + 32 random bytes in base64 (as Standard Webhooks libraries expect). */
export function generateSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64');
}

/** The v1 signature of one message. */
export function sign(secret: string, messageId: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
  return 'v1,' + createHmac('sha256', key).update(`${messageId}.${timestampSeconds}.${body}`).digest('base64');
}

export interface SendResult {
  statusCode: number | null;
  isSuccess: boolean;
  durationMs: number;
  error: string | null;
  responseBody: string | null;
}

export interface SendInput {
  url: string;
  secret: string;
  messageId: string;
  timestampSeconds: number;
  body: string;
  allowPrivate: boolean;
  /** A chat robot's kind: its body is sent as is (signed its platform's way), not as a Standard Webhooks message. */
  robotKind?: ChatRobotKind;
}

interface WireRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
}

/** The request as it goes on the wire: Standard Webhooks headers, or a robot's own signing (query or body). */
function toWireRequest(input: SendInput): WireRequest {
  const common = { 'content-type': 'application/json', 'user-agent': 'Lodestar-Webhooks/1' };
  if (input.robotKind) {
    const signed = prepareRobotRequest(input.robotKind, input.url, input.body, input.secret, input.timestampSeconds * 1000);
    return { ...signed, headers: common };
  }
  return {
    url: input.url,
    body: input.body,
    headers: {
      ...common,
      'webhook-id': input.messageId,
      'webhook-timestamp': String(input.timestampSeconds),
      'webhook-signature': sign(input.secret, input.messageId, input.timestampSeconds, input.body),
    },
  };
}

/** POSTs the signed body; 2xx is success, anything else (or a network error, or 10 s without an answer) is a failure to retry. */
export async function sendWebhook(input: SendInput): Promise<SendResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    checkWebhookUrl(input.url, input.allowPrivate);
    const { statusCode, body } = await post(toWireRequest(input), input.allowPrivate);
    const is2xx = statusCode >= 200 && statusCode < 300;
    const refusal = is2xx && input.robotKind ? robotRefusal(input.robotKind, body) : null;
    const isSuccess = is2xx && refusal === null;
    return { statusCode, isSuccess, durationMs: elapsed(), error: isSuccess ? null : (refusal ?? `HTTP ${statusCode}`), responseBody: body.slice(0, LOGGED_BODY_CHARS) };
  } catch (err) {
    return { statusCode: null, isSuccess: false, durationMs: elapsed(), error: (err instanceof Error ? err.message : String(err)).slice(0, 500), responseBody: null };
  }
}

function post(input: WireRequest, allowPrivate: boolean): Promise<{ statusCode: number; body: string }> {
  const url = new URL(input.url);
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: 'POST',
        lookup: guardedLookup(allowPrivate) as never,
        signal: AbortSignal.timeout(TIMEOUT_MS),
        headers: input.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          if (size < READ_LIMIT_BYTES) chunks.push(chunk);
          size += chunk.length;
        });
        res.on('end', () => resolve({ statusCode: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', (err) => reject(err.name === 'AbortError' ? new Error(`no answer within ${TIMEOUT_MS / 1000} s`) : err));
    req.end(input.body);
  });
}
