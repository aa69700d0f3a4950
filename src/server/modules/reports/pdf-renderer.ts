/**
 * HTML to PDF through headless Chromium (`page.pdf()` via playwright-core).
 * One browser per process, started on the first PDF (about 0.8 s) and reused:
 * each render gets its own context, closed afterwards. Renders are limited to
 * a few at a time (Chromium is memory-hungry) and the rest wait in a queue; a
 * render that overruns its time answers 503 instead of holding the request.
 * A browser that died is started again on the next render. Where Chromium is
 * missing or cannot start the caller gets 503 pdf_unavailable, never a 500.
 */
import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { AppError } from '../../platform/errors.ts';
import type { Logger } from '../../platform/logger.ts';

/** The switches the browser tests use: headless, no sandbox (containers), no GPU, and no calls home. */
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const LAUNCH_TIMEOUT_MS = 20_000;

export const pdfUnavailable = (detail: string) =>
  new AppError(
    503,
    'pdf_unavailable',
    `PDF rendering is unavailable on this server (${detail}). It needs headless Chromium (Debian package chromium; set LODESTAR_CHROMIUM_PATH if it is installed elsewhere) and the CJK fonts of the Debian package fonts-noto-cjk. The HTML format works without them.`,
  );

export interface PdfPage {
  html: string;
  /** Chromium's running header and footer templates (they may use the pageNumber and totalPages classes). */
  headerTemplate: string;
  footerTemplate: string;
  margin: { top: string; right: string; bottom: string; left: string };
}

export interface PdfRendererOptions {
  executablePath: string;
  logger?: Pick<Logger, 'error'> & { warn?: Logger['warn'] };
  /** Renders at once; the rest queue. */
  concurrency?: number;
  /** Per render, waiting in the queue included. */
  timeoutMs?: number;
}

export class PdfRenderer {
  private browser: Promise<Browser> | null = null;
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly concurrency: number;
  private readonly timeoutMs: number;

  constructor(private readonly options: PdfRendererOptions) {
    this.concurrency = options.concurrency ?? 2;
    this.timeoutMs = options.timeoutMs ?? 45_000;
  }

  /** Renders one A4 document; 503 pdf_unavailable without a working Chromium, 503 pdf_timeout when it overruns. */
  async render(page: PdfPage): Promise<Buffer> {
    let timer: NodeJS.Timeout | undefined;
    let abandoned = false;
    const overrun = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        abandoned = true;
        reject(new AppError(503, 'pdf_timeout', `the PDF took longer than ${Math.round(this.timeoutMs / 1000)} s to render; the server is busy, try again shortly`));
      }, this.timeoutMs);
    });
    const work = this.withSlot(async () => {
      if (abandoned) throw new AppError(503, 'pdf_timeout', 'the PDF waited too long for its turn');
      return this.print(page);
    });
    work.catch(() => undefined); // a render finishing after its timeout has nobody to tell
    try {
      return await Promise.race([work, overrun]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Closes the browser (server shutdown); a later render starts a new one. */
  async close(): Promise<void> {
    const current = this.browser;
    this.browser = null;
    if (!current) return;
    try {
      await (await current).close();
    } catch {
      // it never started, or is gone already
    }
  }

  private async print(page: PdfPage): Promise<Buffer> {
    const browser = await this.browserInstance();
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    try {
      // The document is self-contained: anything it might try to fetch is refused.
      await context.route('**/*', (route) => route.abort());
      const tab = await context.newPage();
      await tab.setContent(page.html, { waitUntil: 'load', timeout: this.timeoutMs });
      return await tab.pdf({
        format: 'A4',
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: page.headerTemplate,
        footerTemplate: page.footerTemplate,
        margin: page.margin,
      });
    } finally {
      await context.close().catch(() => undefined);
    }
  }

  private browserInstance(): Promise<Browser> {
    if (!this.browser) {
      const launching = this.launch();
      this.browser = launching;
      const forget = () => {
        if (this.browser === launching) this.browser = null;
      };
      // A failed start is not kept (Chromium may be installed meanwhile), nor a browser that died: the next render starts one.
      launching.then((browser) => browser.on('disconnected', forget), forget);
    }
    return this.browser;
  }

  private async launch(): Promise<Browser> {
    const path = this.options.executablePath;
    if (!fs.existsSync(path)) throw pdfUnavailable(`no Chromium at ${path}`);
    let browser: Browser;
    try {
      browser = await chromium.launch({ executablePath: path, args: CHROMIUM_ARGS, timeout: LAUNCH_TIMEOUT_MS });
    } catch (err) {
      this.options.logger?.error({ err }, 'headless Chromium failed to start');
      throw pdfUnavailable(`Chromium at ${path} failed to start`);
    }
    return browser;
  }

  private async withSlot<T>(fn: () => Promise<T>): Promise<T> {
    // A finished render hands its slot straight to the next in line, so a newcomer cannot slip past the queue.
    if (this.active >= this.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}
