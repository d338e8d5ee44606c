/**
 * Browser tests: playwright-core driving the system's Chromium (never a downloaded browser),
 * and axe-core injected into pages to check accessibility.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** A reason to skip browser tests, or false when Chromium is installed (as it is in CI). */
export const skipWithoutChromium: string | false = existsSync(CHROMIUM_PATH)
  ? false
  : `Chromium is not installed at ${CHROMIUM_PATH} (apt-get install chromium); browser tests need it.`;

/** Playwright's default wait for any action or navigation. */
export const DEFAULT_TIMEOUT_MS = 10_000;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /**
   * Console errors, uncaught page errors and failed (4xx/5xx) subresource loads seen so far; a CSP
   * violation or a missing script shows up here. The browser's automatic /favicon.ico request is ignored.
   */
  errors: string[];
  close(): Promise<void>;
}

/**
 * A fresh context (no cookies) and page. `bypassCSP` defaults to true so axe-core can be injected
 * into pages whose CSP is `script-src 'self'`; pass false to see the site exactly as a person's browser does.
 */
export async function newSession(browser: Browser, baseURL: string, options: { bypassCSP?: boolean } = {}): Promise<BrowserSession> {
  const context = await browser.newContext({ baseURL, bypassCSP: options.bypassCSP ?? true });
  context.setDefaultTimeout(DEFAULT_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(DEFAULT_TIMEOUT_MS);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    // Failed loads are reported by URL below; the console message does not name the URL.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) errors.push(`console: ${message.text()}`);
  });
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (response.status() >= 400 && response.request().resourceType() !== 'document' && url.pathname !== '/favicon.ico') {
      errors.push(`${response.status()} for ${url.pathname}`);
    }
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  return { context, page, errors, close: () => context.close() };
}

export async function closeBrowser(browser: Browser | undefined): Promise<void> {
  if (browser) await browser.close();
}

let axeSource: string | undefined;
function axeScript(): string {
  if (axeSource === undefined) {
    const require = createRequire(import.meta.url);
    axeSource = readFileSync(path.join(path.dirname(require.resolve('axe-core')), 'axe.min.js'), 'utf8');
  }
  return axeSource;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; html: string; failureSummary: string }[];
}

/** Runs axe-core on the page and returns its serious and critical violations. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate('typeof window.axe === "object"');
  if (!loaded) await page.addScriptTag({ content: axeScript() });
  // A string, not a function: tsx may add helpers to compiled functions that do not exist in the page.
  const violations = (await page.evaluate(`(async () => {
    const results = await window.axe.run(document, { resultTypes: ['violations'] });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary ?? '' })),
    }));
  })()`)) as AxeViolation[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export function describeViolations(violations: readonly AxeViolation[]): string {
  return violations
    .map((v) =>
      [
        `- ${v.id} (${v.impact}): ${v.help} <${v.helpUrl}>`,
        ...v.nodes.map((n) => `    at ${JSON.stringify(n.target)}: ${n.html}\n      ${n.failureSummary.replace(/\n/g, '\n      ')}`),
      ].join('\n'),
    )
    .join('\n');
}

/** Fails, listing rule ids, help and targets, if axe finds serious or critical violations. */
export async function assertAccessible(page: Page, what: string): Promise<void> {
  const violations = await axeViolations(page);
  assert.equal(
    violations.length,
    0,
    `${what} (${page.url()}) has serious/critical accessibility violations:\n${describeViolations(violations)}`,
  );
}

/** Waits until the locator is visible (or the default timeout passes, failing with `message`). */
export async function assertVisible(locator: Locator, message?: string): Promise<void> {
  try {
    await locator.first().waitFor({ state: 'visible' });
  } catch (error) {
    const page = locator.page();
    const text = await page
      .locator('body')
      .innerText()
      .catch(() => '(no page text)');
    throw new assert.AssertionError({
      message: `${message ?? `expected ${String(locator)} to be visible`} on ${page.url()}\n${(error as Error).message.split('\n')[0]}\nPage text:\n${text}`,
    });
  }
}

/** The path (and query) of the page's current URL. */
export function currentPath(page: Page): string {
  const url = new URL(page.url());
  return url.pathname + url.search;
}
