import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from './config.ts';
import { AppError } from './errors.ts';

/**
 * Encrypts secrets that must stay usable and so cannot be hashed (an OIDC client secret, an ID token kept for
 * logout): AES-256-GCM under the server's key, with a context string (organisation and purpose) bound in as
 * associated data, so a ciphertext copied to another organisation's row does not decrypt.
 *
 * The key is LODESTAR_SECRET_KEY. Without it, a single-node PGlite install generates one into
 * LODESTAR_DATA_DIR/secret.key (0600) on first use; with PostgreSQL several nodes may share the database, so
 * the key must be configured and nothing is encrypted until it is.
 */
export interface SecretBox {
  seal(plaintext: string, context: string): string;
  open(sealed: string, context: string): string;
}

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_FILE = 'secret.key';
const boxes = new WeakMap<Config, SecretBox>();

/** The box for this configuration, reading (or, for PGlite, creating) the key on first use. */
export function secretBoxOf(config: Config): SecretBox {
  let box = boxes.get(config);
  if (!box) boxes.set(config, (box = createSecretBox(loadKey(config))));
  return box;
}

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error('the secret key must be 32 bytes');
  return {
    seal(plaintext, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
    },
    open(sealed, context) {
      const [version, payload] = sealed.split('.');
      if (version !== VERSION || !payload) throw new Error('not a sealed secret');
      const raw = Buffer.from(payload, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    },
  };
}

/** Decodes LODESTAR_SECRET_KEY (64 hex digits or base64 of 32 bytes). */
export function decodeKey(value: string): Buffer {
  return /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}

function loadKey(config: Config): Buffer {
  if (config.LODESTAR_SECRET_KEY) return decodeKey(config.LODESTAR_SECRET_KEY);
  if (config.DATABASE_URL) {
    throw new AppError(503, 'secret_key_required', 'the server has no LODESTAR_SECRET_KEY: with PostgreSQL every node needs the same key, so secrets cannot be stored until it is set');
  }
  const file = path.join(config.LODESTAR_DATA_DIR, KEY_FILE);
  try {
    fs.mkdirSync(config.LODESTAR_DATA_DIR, { recursive: true });
    // 'wx': two processes racing to create it both end up with the one that won.
    fs.writeFileSync(file, randomBytes(32).toString('base64'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return decodeKey(fs.readFileSync(file, 'utf8').trim());
}
