/**
 * SMS through an HTTP gateway: one JSON POST per message, built from the
 * operator's body template, authenticated by one header line. Most SMS
 * providers (and every in-house gateway we have seen) take this shape; a
 * provider with its own signing scheme gets its own SmsSender beside this one.
 */
import type { Config } from '../../platform/config.ts';

/** Sends one text message; throws with a short reason the outbox keeps when the message was not accepted. */
export interface SmsSender {
  send(to: string, text: string): Promise<void>;
}

const TIMEOUT_MS = 10_000;
/** Characters of a refusing gateway's answer kept as the message's last error. */
const KEPT_ANSWER_CHARS = 200;

/**
 * Fills {{to}} and {{text}} with JSON-escaped values (quotes, backslashes,
 * newlines and control characters), so a message can never break out of its
 * string and add or change a field of the request.
 */
export function renderSmsBody(template: string, values: { to: string; text: string }): string {
  return template.replace(/\{\{(to|text)\}\}/g, (_, key: 'to' | 'text') => JSON.stringify(values[key]).slice(1, -1));
}

/** `Name: value` → [name, value]; config.ts has already checked the shape. */
export function parseHeaderLine(line: string): [string, string] {
  const colon = line.indexOf(':');
  return [line.slice(0, colon).trim(), line.slice(colon + 1).trim()];
}

/** The HTTP gateway sender for the configured URL, auth header and body template. */
export function createHttpSmsGateway(config: Pick<Config, 'LODESTAR_SMS_GATEWAY_URL' | 'LODESTAR_SMS_GATEWAY_AUTH' | 'LODESTAR_SMS_GATEWAY_BODY'>): SmsSender {
  const url = config.LODESTAR_SMS_GATEWAY_URL;
  if (!url) throw new Error('LODESTAR_SMS_GATEWAY_URL is not set');
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'Lodestar-SMS/1' };
  if (config.LODESTAR_SMS_GATEWAY_AUTH) {
    const [name, value] = parseHeaderLine(config.LODESTAR_SMS_GATEWAY_AUTH);
    headers[name.toLowerCase()] = value;
  }
  return {
    async send(to, text) {
      let res: Response;
      try {
        res = await fetch(url, { method: 'POST', headers, body: renderSmsBody(config.LODESTAR_SMS_GATEWAY_BODY, { to, text }), signal: AbortSignal.timeout(TIMEOUT_MS) });
      } catch (err) {
        // fetch hides the reason in `cause` (ECONNREFUSED, a timeout); never the request, which holds the auth header.
        const cause = (err as { cause?: { code?: string; message?: string } }).cause;
        const reason = (err as Error).name === 'TimeoutError' ? `no answer within ${TIMEOUT_MS / 1000} s` : (cause?.code ?? cause?.message ?? (err as Error).message);
        throw new Error(`SMS gateway unreachable: ${reason}`);
      }
      const answer = (await res.text()).slice(0, KEPT_ANSWER_CHARS);
      if (!res.ok) throw new Error(`SMS gateway answered HTTP ${res.status}${answer ? `: ${answer}` : ''}`);
    },
  };
}
