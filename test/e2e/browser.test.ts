/**
 * The HTML doc pages in a real browser: a headless Chromium (Debian's, or the one CHROMIUM_PATH or PATH
 * names; `npm test` finds or installs it first, scripts/chromium.mjs) driven by playwright-core.
 * Screenshots go to test/.tmp/ (gitignored) for a person to look at.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { docOf, renderDocs, repoRoot } from '../emit/docs-helpers.js';
import { HOW_TO_INSTALL, locateChromium } from '../../scripts/chromium.mjs';

const shots = join(repoRoot, 'test', '.tmp');
let dir: string;
let browser: Browser;

beforeAll(async () => {
  // The same search as the one `npm test` ran before the suite, so the browser it found is the one used.
  const found = locateChromium();
  if (!found) throw new Error(HOW_TO_INSTALL);
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({
    executablePath: found.path,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  dir = mkdtempSync(join(tmpdir(), 'yuno-docs-'));
  mkdirSync(shots, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Watched {
  page: Page;
  /** Every request other than the page itself. */
  requests: string[];
  dialogs: string[];
}

async function open(html: string, name: string): Promise<Watched> {
  const file = join(dir, name);
  writeFileSync(file, html);
  const url = pathToFileURL(file).href;
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const requests: string[] = [];
  const dialogs: string[] = [];
  page.on('request', (r) => {
    if (r.url() !== url) requests.push(r.url());
  });
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(url);
  return { page, requests, dialogs };
}

/** Text of each cell of each row of a table, whitespace collapsed. */
function rows(page: Page, selector: string): Promise<string[][]> {
  return page.$$eval(`${selector} tbody tr`, (trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').replace(/\s+/g, ' ').trim())),
  );
}

/** WCAG contrast ratio of two `rgb(r, g, b)` colours. */
function contrast(a: string, b: string): number {
  const lum = (c: string): number => {
    const [r, g, bl] = (c.match(/\d+/g) ?? []).slice(0, 3).map((v) => {
      const s = Number(v) / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe('Customer Session page', () => {
  let watched: Watched;
  beforeAll(async () => {
    const { html } = await renderDocs(docOf('schema/customer-session.schema.json', 'customer-session'));
    watched = await open(html, 'customer-session.html');
  });
  afterAll(async () => watched?.page.close());

  test('the field table in the DOM has exactly the documented rows', async () => {
    const { page } = watched;
    expect(await page.$$eval('section[aria-labelledby="fields"] table.fields thead th', (ths) => ths.map((th) => th.textContent))).toEqual(
      ['Name', 'Type', 'Required', 'Constraints', 'Description', 'Example'],
    );
    const table = await rows(page, 'section[aria-labelledby="fields"] table.fields');
    expect(table.map((r) => r.slice(0, 4))).toEqual([
      ['customer_session', 'string', 'yes', 'length 36–64'],
      ['customer_id', 'string', 'yes', 'length 36–64'],
      ['country', 'CountryCode', 'yes', 'one of 249 values'],
      ['callback_url', 'string', 'yes', 'length 3–526'],
      ['created_at', 'string (date-time)', 'yes', 'length 27'],
    ]);
    expect(table.map((r) => r[5])).toEqual([
      'fe50d39a-5a1c-11ed-9b6a-0242ac120002',
      '3956053c-5a1d-11ed-9b6a-0242ac120002',
      '',
      'www.your-url.com',
      '2022-05-09T20:46:54.786342Z',
    ]);
    expect(table[2]?.[4]).toBe(
      "The customer's country (MAX 2; MIN 2; ISO 3166-1). Possible enum values: Check the Country reference.",
    );
    const countries = await rows(page, 'section.definition table.values');
    expect(countries).toHaveLength(249);
    expect(countries[0]).toEqual(['AI', 'Anguilla']);
    expect(await page.title()).toBe('Customer Session');
  });

  test('every field has an anchor, and every in-page link and contents entry resolves', async () => {
    const { page } = watched;
    expect(await page.$$eval('table.fields tbody tr', (trs) => trs.map((tr) => tr.id))).toEqual([
      'field-customer_session',
      'field-customer_id',
      'field-country',
      'field-callback_url',
      'field-created_at',
    ]);
    const broken = await page.$$eval('a[href^="#"]', (as) =>
      as.map((a) => a.getAttribute('href') ?? '').filter((h) => document.getElementById(h.slice(1)) === null),
    );
    expect(broken).toEqual([]);
    expect(await page.$$eval('nav#contents a', (as) => as.map((a) => [a.textContent, a.getAttribute('href')]))).toEqual([
      ['Fields', '#fields'],
      ['CountryCode', '#def-countrycode'],
      ['Example', '#example'],
    ]);
    await page.click('nav#contents a[href="#def-countrycode"]');
    expect(await page.evaluate(() => location.hash)).toBe('#def-countrycode');
    // Scrolled into view (the page may be too short to bring it to the very top).
    const top = await page.evaluate(() => document.getElementById('def-countrycode')!.getBoundingClientRect().top);
    expect(top >= 0 && top < 900).toBe(true);
    expect(await page.evaluate(() => document.querySelector(':target')?.id)).toBe('def-countrycode');
    await page.click('a[href="#field-country"]');
    expect(await page.evaluate(() => document.querySelector(':target')?.id)).toBe('field-country');
  });

  test('light and dark colour schemes, readable contrast, printable; screenshots saved', async () => {
    const { page } = watched;
    await page.evaluate(() => window.scrollTo(0, 0));
    const colours = (): Promise<{ bg: string; fg: string; link: string; head: string; size: string }> =>
      page.evaluate(() => {
        const html = getComputedStyle(document.documentElement);
        return {
          bg: html.backgroundColor,
          fg: html.color,
          link: getComputedStyle(document.querySelector('td.description a')!).color,
          head: getComputedStyle(document.querySelector('thead th')!).backgroundColor,
          size: getComputedStyle(document.body).fontSize,
        };
      });
    await page.emulateMedia({ colorScheme: 'light' });
    const light = await colours();
    await page.screenshot({ path: join(shots, 'customer-session.png'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await colours();
    await page.screenshot({ path: join(shots, 'customer-session-dark.png'), fullPage: true });
    expect(light.bg).toBe('rgb(255, 255, 255)');
    expect(dark.bg).toBe('rgb(13, 17, 23)');
    expect(light.size).toBe('16px');
    for (const c of [light, dark]) {
      expect(contrast(c.fg, c.bg)).toBeGreaterThan(7);
      expect(contrast(c.link, c.bg)).toBeGreaterThan(4.5);
      expect(contrast(c.fg, c.head)).toBeGreaterThan(7);
    }
    await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
    const print = await colours();
    expect([print.bg, print.fg]).toEqual(['rgb(255, 255, 255)', 'rgb(0, 0, 0)']);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    writeFileSync(join(shots, 'customer-session.pdf'), pdf);
    await page.emulateMedia({ media: 'screen', colorScheme: 'light' });
  });

  test('the page loads nothing', () => {
    expect(watched.requests).toEqual([]);
    expect(watched.dialogs).toEqual([]);
  });
});

describe('a page whose doc text holds <script> and onerror= payloads', () => {
  const hostile = docOf('test/fixtures/docs/hostile.schema.json', 'hostile');

  test('the probe works: the same payload on a bare page does run', async () => {
    const { page, dialogs } = await open(
      '<!DOCTYPE html><p>x</p><script>window.__pwned = 1; alert(1)</script><img src="data:," onerror="window.__pwnedByHandler = 1">',
      'control.html',
    );
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBe(1);
    expect(dialogs).toEqual(['1']);
    await page.waitForFunction(() => (window as unknown as { __pwnedByHandler?: number }).__pwnedByHandler === 1);
    await page.close();
  });

  // With and without the page's Content-Security-Policy: escaping alone must keep the payloads inert.
  test.each([
    ['as generated', (html: string) => html],
    ['without its CSP', (html: string) => html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\n/, '')],
  ])('%s: no dialog, no script, no request, payloads shown as text', async (name, edit) => {
    const { html } = await renderDocs(hostile);
    const edited = edit(html);
    if (name !== 'as generated') expect(edited).not.toContain('Content-Security-Policy');
    const { page, requests, dialogs } = await open(edited, `hostile-${name.replace(/\W+/g, '-')}.html`);
    await page.click('a[href="#field-__proto__"]');
    await page.click('a[href="#section-constructor"]');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(requests).toEqual([]);
    expect(await page.$$eval('script, img, iframe, object, embed, svg', (els) => els.length)).toBe(0);
    expect(
      await page.$$eval('*', (els) => els.flatMap((el) => el.getAttributeNames().filter((a) => a.startsWith('on')))),
    ).toEqual([]);
    expect(await page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href')).filter((h) => !/^(#|https:|mailto:)/.test(h ?? '')))).toEqual([]);
    const table = await rows(page, 'section[aria-labelledby="fields"] table.fields');
    expect(table.map((r) => r[0])).toEqual([
      '<script>window.__pwned=1</script>',
      '__proto__',
      'constructor',
      'class',
      'weird-name',
      'weird.name',
    ]);
    expect(table[0]?.[5]).toBe('<script>window.__pwned=1</script>');
    expect(table[1]?.[4]).toBe('Proto <img src=x onerror="window.__pwned=1">');
    expect(await page.$eval('.lead', (el) => el.textContent)).toBe(
      'Top <script>window.__pwned=1</script> <img src=x onerror="window.__pwned=1"> {{x}} ${x}',
    );
    await page.screenshot({ path: join(shots, `hostile-${name.replace(/\W+/g, '-')}.png`), fullPage: true });
    await page.close();
  });
});
