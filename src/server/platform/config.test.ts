import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('configuration', () => {
  it('has defaults that serve the app locally on PGlite', () => {
    expect(loadConfig({})).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', LODESTAR_DATA_DIR: './data' });
    expect(loadConfig({}).DATABASE_URL).toBeUndefined();
  });

  it('names every bad variable in one message', () => {
    expect(() => loadConfig({ PORT: 'eighty', LODESTAR_LOG_LEVEL: 'loud' })).toThrow(/PORT[\s\S]*LODESTAR_LOG_LEVEL|LODESTAR_LOG_LEVEL[\s\S]*PORT/);
  });

  it('requires a public URL with SMTP, so e-mailed survey links are absolute', () => {
    expect(() => loadConfig({ LODESTAR_SMTP_URL: 'smtp://mail.example.com:587' })).toThrow(/LODESTAR_PUBLIC_URL: required with LODESTAR_SMTP_URL/);
    expect(() => loadConfig({ LODESTAR_SMTP_URL: 'http://mail.example.com', LODESTAR_PUBLIC_URL: 'https://xm.example.com' })).toThrow(/LODESTAR_SMTP_URL/);
    const ok = loadConfig({ LODESTAR_SMTP_URL: 'smtps://u:p@mail.example.com:465', LODESTAR_PUBLIC_URL: 'https://xm.example.com' });
    expect(ok.LODESTAR_SMTP_URL).toBe('smtps://u:p@mail.example.com:465');
  });
});
