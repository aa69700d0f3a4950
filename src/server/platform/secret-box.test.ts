import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { createSecretBox, secretBoxOf } from './secret-box.ts';

describe('secret box', () => {
  const box = createSecretBox(Buffer.alloc(32, 7));

  it('opens what it sealed, and a sealed value reveals nothing and differs every time', () => {
    const sealed = box.seal('client-secret-123', 'org-a:oidc');
    expect(sealed).not.toContain('client-secret-123');
    expect(box.seal('client-secret-123', 'org-a:oidc')).not.toBe(sealed);
    expect(box.open(sealed, 'org-a:oidc')).toBe('client-secret-123');
  });

  it('refuses a value moved to another context, altered, or sealed under another key', () => {
    const sealed = box.seal('client-secret-123', 'org-a:oidc');
    expect(() => box.open(sealed, 'org-b:oidc')).toThrow();
    const flipped = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'BB' : 'AA');
    expect(() => box.open(flipped, 'org-a:oidc')).toThrow();
    expect(() => createSecretBox(Buffer.alloc(32, 8)).open(sealed, 'org-a:oidc')).toThrow();
  });

  it('creates one key file (0600) in the data directory for PGlite and reuses it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lodestar-key-'));
    try {
      const sealed = secretBoxOf(loadConfig({ LODESTAR_DATA_DIR: dir })).seal('x', 'c');
      expect(fs.statSync(path.join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
      expect(secretBoxOf(loadConfig({ LODESTAR_DATA_DIR: dir })).open(sealed, 'c')).toBe('x');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stores nothing on PostgreSQL until LODESTAR_SECRET_KEY is set, and refuses a malformed key at boot', () => {
    expect(() => secretBoxOf(loadConfig({ DATABASE_URL: 'postgres://db.invalid/lodestar' })).seal('x', 'c')).toThrow(/LODESTAR_SECRET_KEY/);
    expect(() => loadConfig({ LODESTAR_SECRET_KEY: 'too-short' })).toThrow(/LODESTAR_SECRET_KEY/);
    expect(secretBoxOf(loadConfig({ DATABASE_URL: 'postgres://db.invalid/lodestar', LODESTAR_SECRET_KEY: 'ab'.repeat(32) })).seal('x', 'c')).toMatch(/^v1\./);
  });
});
