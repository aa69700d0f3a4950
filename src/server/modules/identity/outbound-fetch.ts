import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { guardedLookup, isPrivateAddress } from '../webhooks/index.ts';

// The fetch openid-client uses to reach an identity provider (discovery, keys, token endpoint). The issuer is
// typed in by a tenant's admin, so the server must not become their probe into our own network: like webhooks,
// names resolving to private or loopback addresses are refused unless LODESTAR_SSO_ALLOW_PRIVATE is set, and
// the connection is pinned to the address that passed the check.

const TIMEOUT_MS = 10_000;
/** Discovery documents and key sets are small; a provider that streams megabytes is not one. */
const MAX_BODY_BYTES = 512 * 1024;

interface FetchOptions {
  method: string;
  headers: Record<string, string>;
  body?: unknown;
  signal?: AbortSignal;
}

export class OutboundRefused extends Error {}

/** Refuses a URL the server must not call: not https (plain http only with allowPrivate), credentials, a private literal address. */
export function checkProviderUrl(raw: string, allowPrivate: boolean): URL {
  const url = new URL(raw);
  if (url.protocol !== 'https:' && !(allowPrivate && url.protocol === 'http:')) throw new OutboundRefused(`only https URLs are allowed (${url.origin})`);
  if (url.username || url.password) throw new OutboundRefused('credentials in the URL are not allowed');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!allowPrivate && (host === 'localhost' || host.endsWith('.localhost') || (isIP(host) !== 0 && isPrivateAddress(host)))) {
    throw new OutboundRefused(`${host} is a private or loopback address`);
  }
  return url;
}

export function createGuardedFetch(allowPrivate: boolean) {
  return (resource: string, options: FetchOptions): Promise<Response> => {
    const url = checkProviderUrl(resource, allowPrivate);
    const client = url.protocol === 'https:' ? https : http;
    const body = options.body === undefined || options.body === null ? undefined : String(options.body);
    return new Promise<Response>((resolve, reject) => {
      const req = client.request(
        url,
        {
          method: options.method,
          headers: { ...options.headers, ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}) },
          lookup: guardedLookup(allowPrivate) as never,
          signal: options.signal ?? AbortSignal.timeout(TIMEOUT_MS),
          timeout: TIMEOUT_MS,
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_BODY_BYTES) return req.destroy(new OutboundRefused(`the answer from ${url.origin} is larger than ${MAX_BODY_BYTES} bytes`));
            chunks.push(chunk);
          });
          res.on('end', () => {
            const headers = new Headers();
            for (const [name, value] of Object.entries(res.headers)) {
              if (typeof value === 'string') headers.set(name, value);
              else if (Array.isArray(value)) for (const v of value) headers.append(name, v);
            }
            const status = res.statusCode ?? 502;
            // A Response cannot carry a body with 204/304.
            const payload = status === 204 || status === 304 ? null : Buffer.concat(chunks);
            resolve(new Response(payload, { status, headers }));
          });
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`${url.origin} did not answer within ${TIMEOUT_MS / 1000} s`)));
      req.on('error', reject);
      req.end(body);
    });
  };
}
