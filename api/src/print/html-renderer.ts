/**
 * HTML → PDF and PNG with headless Chromium (playwright-core). One browser per renderer,
 * launched on first use and reused (a launch costs ~1 s; a page ~50 ms); each render gets a
 * fresh context that is always closed, at most `concurrency` renders run at once (Chromium
 * is heavy on a 2-core machine), and each has a time limit. Pages cannot reach the network:
 * everything a print needs (SVG maps, QR codes, fonts installed on the machine) is inline.
 */
import { access, constants } from 'node:fs/promises';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { headerFooterTemplates, type PageSetup, sheetMm } from './page-setup.js';
import { PrintError } from './print-error.js';

export interface RendererOptions {
  /** Chromium's path; default `$CHROMIUM_PATH` or `/usr/bin/chromium`. */
  executablePath?: string;
  /** Renders at once (1–2 on small machines); default 1. */
  concurrency?: number;
  /** Milliseconds for one render, launch excluded; default 60 000. */
  timeoutMs?: number;
}

export interface PngOptions {
  /** CSS pixels of the viewport. */
  width: number;
  height: number;
  /** Device pixels per CSS pixel: 2–3 gives print-quality rasters for slides. Default 2. */
  scale?: number;
}

const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-gpu',
];

export class HtmlRenderer {
  private browser: Promise<Browser> | null = null;
  private current: Browser | null = null;
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly executablePath: string;
  private readonly concurrency: number;
  private readonly timeoutMs: number;

  constructor(options: RendererOptions = {}) {
    this.executablePath = options.executablePath ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
    this.concurrency = Math.max(1, Math.min(options.concurrency ?? 1, 4));
    this.timeoutMs = options.timeoutMs ?? 60_000;
  }

  /** A PDF of `html` on the paper of `setup`, with its header and footer. */
  async pdf(html: string, setup: PageSetup): Promise<Uint8Array> {
    return this.withContext(async (context) => {
      const page = await context.newPage();
      await page.setContent(html, { waitUntil: 'load' });
      await page.evaluate('document.fonts.ready.then(() => true)');
      const sheet = sheetMm(setup.size, setup.orientation);
      const { header, footer } = headerFooterTemplates(setup);
      const m = setup.margins;
      const bytes = await page.pdf({
        width: `${sheet.width}mm`,
        height: `${sheet.height}mm`,
        margin: { top: `${m.top}mm`, right: `${m.right}mm`, bottom: `${m.bottom}mm`, left: `${m.left}mm` },
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: header,
        footerTemplate: footer,
      });
      return new Uint8Array(bytes);
    });
  }

  /** A PNG of `html` laid out in a `width` × `height` CSS-pixel viewport. */
  async png(html: string, options: PngOptions): Promise<Uint8Array> {
    return this.withContext(
      async (context) => {
        const page = await context.newPage();
        await page.setContent(html, { waitUntil: 'load' });
        await page.evaluate('document.fonts.ready.then(() => true)');
        const bytes = await page.screenshot({ type: 'png', clip: { x: 0, y: 0, width: options.width, height: options.height } });
        return new Uint8Array(bytes);
      },
      { width: options.width, height: options.height, scale: options.scale ?? 2 },
    );
  }

  /** Closes the browser (at shutdown, or after tests); a later render launches a new one. */
  async close(): Promise<void> {
    const pending = this.browser;
    this.browser = null;
    this.current = null;
    if (pending) await pending.then((b) => b.close()).catch(() => undefined);
  }

  private async launch(): Promise<Browser> {
    try {
      await access(this.executablePath, constants.X_OK);
    } catch {
      throw new PrintError(
        'chromium_missing',
        `Chromium is not installed at ${this.executablePath}: install it (apt-get install -y chromium) or set CHROMIUM_PATH to its executable`,
      );
    }
    const browser = await chromium.launch({ executablePath: this.executablePath, args: LAUNCH_ARGS });
    this.current = browser;
    // A crashed browser is forgotten, so the next render launches a fresh one.
    browser.on('disconnected', () => {
      if (this.current === browser) {
        this.current = null;
        this.browser = null;
      }
    });
    return browser;
  }

  private getBrowser(): Promise<Browser> {
    if (!this.browser) {
      const starting = this.launch();
      this.browser = starting;
      starting.catch(() => {
        if (this.browser === starting) this.browser = null;
      });
    }
    return this.browser;
  }

  private async acquire(): Promise<void> {
    if (this.running < this.concurrency) {
      this.running++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }

  private async withContext<T>(
    fn: (context: BrowserContext) => Promise<T>,
    viewport?: { width: number; height: number; scale: number },
  ): Promise<T> {
    await this.acquire();
    let context: BrowserContext | null = null;
    let timer: NodeJS.Timeout | undefined;
    try {
      const browser = await this.getBrowser();
      context = await browser.newContext(
        viewport ? { viewport: { width: viewport.width, height: viewport.height }, deviceScaleFactor: viewport.scale } : {},
      );
      // Nothing printed may fetch from outside: a name or note containing markup stays inert.
      await context.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
      const work = fn(context);
      const limit = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new PrintError('timeout', `rendering took longer than ${Math.round(this.timeoutMs / 1000)} s and was stopped`)),
          this.timeoutMs,
        );
      });
      work.catch(() => undefined);
      return await Promise.race([work, limit]);
    } catch (error) {
      if (error instanceof PrintError) throw error;
      throw new PrintError('render_failed', `Chromium could not render the page: ${(error as Error).message}`);
    } finally {
      if (timer) clearTimeout(timer);
      if (context) await context.close().catch(() => undefined);
      this.release();
    }
  }
}

let shared: HtmlRenderer | null = null;

/** The process's one renderer (the API's jobs and the CLI share it); `closeSharedRenderer()` at exit. */
export function sharedRenderer(): HtmlRenderer {
  shared ??= new HtmlRenderer({ concurrency: Number(process.env.GRIDATLAS_PRINT_CONCURRENCY) || 1 });
  return shared;
}

export async function closeSharedRenderer(): Promise<void> {
  const r = shared;
  shared = null;
  if (r) await r.close();
}
