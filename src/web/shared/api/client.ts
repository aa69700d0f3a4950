/** A thin fetch wrapper for the Lodestar REST API: JSON in and out, CSRF header, error body to ApiError. */

export const API_BASE = '/api/v1';

/** An error answered by the API (or a network failure, with status 0 and code `network_error`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;

/** Kept in memory only, from the login or /auth/me answer; sent on every non-GET request. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Lets the session layer react to a 401 (the session expired): it then sends the user to /login. */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
type Query = Record<string, string | number | undefined | null>;

interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** The login and session probe handle their own 401s. */
  skipUnauthorizedHandler?: boolean;
  /** Sent as `Idempotency-Key`: a retried create then returns the first one instead of making another. */
  idempotencyKey?: string;
}

/** Calls the API and returns the parsed JSON body (undefined for 204). */
export async function apiRequest<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  // A file goes as its raw bytes (the server decides its type from them); anything else as JSON.
  const isFile = options.body instanceof Blob;
  if (options.body !== undefined) headers['Content-Type'] = isFile ? 'application/octet-stream' : 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}${queryString(options.query)}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : isFile ? (options.body as Blob) : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network_error', error instanceof Error ? error.message : String(error));
  }
  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const apiError = toApiError(response, payload);
    if (apiError.status === 401 && !options.skipUnauthorizedHandler) onUnauthorized?.();
    throw apiError;
  }
  return payload as T;
}

export const apiGet = <T>(path: string, query?: Query, signal?: AbortSignal) =>
  apiRequest<T>('GET', path, { query, signal });
export const apiPost = <T>(path: string, body?: unknown, idempotencyKey?: string) => apiRequest<T>('POST', path, { body: body ?? {}, idempotencyKey });

/**
 * One Idempotency-Key per distinct request: sending the same body again (a retry after a lost answer on a
 * phone's network) reuses the key, so the server creates once; a changed body gets a new key. From
 * getRandomValues, which unlike randomUUID also works on plain http inside a company network.
 */
export function idempotencyKeys(): (body: unknown) => string {
  let last: { body: string; key: string } | null = null;
  return (body) => {
    const json = JSON.stringify(body);
    if (last?.body !== json) {
      const bytes = crypto.getRandomValues(new Uint8Array(16));
      last = { body: json, key: Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('') };
    }
    return last.key;
  };
}
export const apiPatch = <T>(path: string, body: unknown) => apiRequest<T>('PATCH', path, { body });
export const apiPut = <T>(path: string, body: unknown) => apiRequest<T>('PUT', path, { body });
export const apiDelete = (path: string) => apiRequest<void>('DELETE', path);
/** Uploads a file's bytes (e.g. audit evidence); `query` carries its name. */
export const apiUpload = <T>(path: string, file: Blob, query?: Query) => apiRequest<T>('POST', path, { body: file, query });

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Follows `nextCursor` until the end: for trees and selects that need the whole list. */
export async function fetchAllPages<T>(path: string, query: Query = {}, signal?: AbortSignal): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<T> = await apiGet<Page<T>>(path, { ...query, limit: 500, cursor }, signal);
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

function queryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function toApiError(response: Response, payload: unknown): ApiError {
  const error = (payload as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
  if (error && typeof error.code === 'string') {
    const message = typeof error.message === 'string' ? error.message : error.code;
    const details = typeof error.details === 'object' && error.details !== null ? error.details : {};
    return new ApiError(response.status, error.code, message, details as Record<string, unknown>);
  }
  return new ApiError(response.status, `http_${response.status}`, response.statusText || `HTTP ${response.status}`);
}
