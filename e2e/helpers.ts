import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { chromium, type Browser, type Page } from 'playwright-core';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'e2e/screenshots');
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const DEMO_ADMIN = { org: 'demo', email: 'admin@demo.lodestar.local', password: 'lodestar-demo' };
/** The demo's one-page service survey (the demo also has a multi-page one with logic). */
export const DEMO_SURVEY_NAME = '服务体验回访 / Service follow-up';

/** Builds dist/web if it is missing or stale, as `npm start` does. */
export function ensureWebBuild(): void {
  // A production build, as users get: vitest's NODE_ENV=test would make antd stamp test ids on every dialog.
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts/ensure-web-build.mjs')], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
}

/** A TCP port nobody listens on right now. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export interface ThrowawayDatabase {
  url: string;
  drop: () => Promise<void>;
}

/** A fresh PostgreSQL database beside the one DATABASE_URL names, so the server seeds a clean demo. */
export async function createThrowawayDatabase(baseUrl: string): Promise<ThrowawayDatabase> {
  const name = `lodestar_e2e_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: baseUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

export interface RunningServer {
  baseUrl: string;
  /** Everything the server printed so far, for failure messages. */
  output: () => string;
  stop: () => Promise<void>;
}

/** Starts `node bin/lodestar.js start` on a free port and a fresh data directory, and waits until it is healthy. */
export async function startServer(extraEnv: Record<string, string> = {}, timeoutMs = 120_000): Promise<RunningServer> {
  const port = await findFreePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lodestar-e2e-'));
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', LODESTAR_DATA_DIR: dataDir, ...extraEnv };
  if (!extraEnv.DATABASE_URL) delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['bin/lodestar.js', 'start'], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const server: RunningServer = {
    baseUrl,
    output: () => output,
    stop: async () => {
      await stopProcess(child);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  try {
    await waitForHealth(baseUrl, child, timeoutMs);
  } catch (error) {
    await server.stop();
    throw new Error(`${(error as Error).message}\n--- server output ---\n${output.slice(-4000)}`);
  }
  return server;
}

async function waitForHealth(baseUrl: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode} before it was healthy`);
    try {
      const response = await fetch(`${baseUrl}/api/v1/health`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the server did not answer /api/v1/health within ${timeoutMs / 1000} s`);
}

/** SIGTERM, then SIGKILL if the process has not exited after 10 s. */
async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Headless Debian Chromium; installs it with apt-get when it is missing (as root, on a fresh machine). */
export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    console.log('e2e: /usr/bin/chromium is missing; installing the Debian package chromium');
    execFileSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium'], {
      stdio: 'inherit',
    });
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * Collects what a page should never do into `problems`: uncaught errors and console errors, except the
 * 401s the app expects while it checks for a session. A test ends with `expect(problems).toEqual([])`.
 */
export function collectBrowserProblems(page: Page, problems: string[]): void {
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/^Failed to load resource: .* status of 401\b/.test(message.text())) problems.push(`console: ${message.text()}`);
  });
}

/** Signs in on the login page as one of the demo organisation's people (all share the demo password) and waits to leave it. */
export async function logInToDemo(page: Page, email: string): Promise<void> {
  await page.goto('/login');
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(DEMO_ADMIN.password);
  await page.locator('#org').fill(DEMO_ADMIN.org);
  await page.locator('button[type=submit]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}
