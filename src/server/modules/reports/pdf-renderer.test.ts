import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import { PdfRenderer, type PdfPage } from './pdf-renderer.ts';

// The PDF renderer's lifecycle on the real Chromium: one browser reused, started again after it died, a render
// that overruns answered with 503, and a missing Chromium answered with 503 pdf_unavailable (never a crash).

const CHROMIUM = '/usr/bin/chromium';
const page = (text: string): PdfPage => ({
  html: `<!doctype html><html><body><h1>${text}</h1></body></html>`,
  headerTemplate: '<span></span>',
  footerTemplate: '<span></span>',
  margin: { top: '10mm', right: '10mm', bottom: '10mm', left: '10mm' },
});
/** Chromium processes this test process started (the browser is our direct child). */
const ourChromiums = () =>
  execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(process.pid)], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => /chrom/i.test(line))
    .map((line) => Number(line.trim().split(/\s+/)[0]));

let renderer: PdfRenderer | undefined;
afterEach(() => renderer?.close());

describe('PDF renderer', () => {
  it('answers 503 pdf_unavailable, naming the packages, when Chromium is missing', async () => {
    renderer = new PdfRenderer({ executablePath: '/nonexistent/chromium' });
    const error = await renderer.render(page('x')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ status: 503, code: 'pdf_unavailable' });
    expect((error as Error).message).toMatch(/chromium.*fonts-noto-cjk/s);
  });

  it.skipIf(!fs.existsSync(CHROMIUM))('reuses one browser, and starts a new one after it died', async () => {
    renderer = new PdfRenderer({ executablePath: CHROMIUM });
    const first = await renderer.render(page('one'));
    expect(first.subarray(0, 5).toString()).toBe('%PDF-');
    const browsers = ourChromiums();
    expect(browsers).toHaveLength(1);
    await renderer.render(page('two'));
    expect(ourChromiums()).toEqual(browsers); // the same process served the second render

    process.kill(browsers[0]!, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 500)); // the disconnect reaches the renderer
    const after = await renderer.render(page('three'));
    expect(after.subarray(0, 5).toString()).toBe('%PDF-');
    expect(ourChromiums()).not.toContain(browsers[0]);
  }, 60_000);

  it.skipIf(!fs.existsSync(CHROMIUM))('answers 503 pdf_timeout when a render overruns its time', async () => {
    renderer = new PdfRenderer({ executablePath: CHROMIUM, timeoutMs: 1 });
    await expect(renderer.render(page('slow'))).rejects.toMatchObject({ status: 503, code: 'pdf_timeout' });
  }, 60_000);
});
