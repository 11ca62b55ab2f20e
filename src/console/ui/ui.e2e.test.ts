/**
 * The Console in a real browser: playwright-core driving Debian's Chromium (installed by .ci/run).
 * Screenshots of the main screens go to artifacts/screenshots/.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT } from '../../paths.js';
import { backends } from '../../store/testing.js';
import type { Store } from '../../store/store.js';
import { startConsole } from '../serve.js';
import { authStore } from '../auth/auth-store.js';
import { consoleFixture, PASSWORDS } from '../testing.js';

const CHROMIUM = process.env.HPCONF_CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = path.join(ROOT, 'artifacts', 'screenshots');
const have = existsSync(CHROMIUM);
if (!have && process.env.CI) throw new Error(`CI must run the browser tests: no Chromium at ${CHROMIUM}`);

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

describe('Console in Chromium', { skip: have ? false : `no Chromium at ${CHROMIUM}` }, () => {
  let browser: Browser;
  let store: Store;
  let url: string;
  let close: () => Promise<void>;
  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    store = await backends()[0].open();
    await consoleFixture(store); // seeds the baseline and creates admin, olivia (operator), vera (viewer)
    const c = await startConsole(store, { port: 0, pollMs: 200, log: () => {} });
    url = c.url;
    close = c.close;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });
  after(async () => { await browser?.close(); await close?.(); await store?.close(); });

  async function signIn(user: keyof typeof PASSWORDS): Promise<Page> {
    const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await ctx.newPage();
    page.on('pageerror', (e) => assert.fail(`page error: ${e.message}`));
    await page.goto(`${url}/ui/`);
    await page.fill('#username', user);
    await page.fill('#password', PASSWORDS[user]);
    await page.click('button[type=submit]');
    await page.waitForSelector('#keys');
    return page;
  }
  /** Search, keep defaults only, and wait until the list shows `n` keys. */
  async function find(page: Page, q: string, n = 1) {
    await page.fill('#search', q);
    await page.selectOption('#f-kind', 'default');
    await page.waitForFunction((x) => document.getElementById('counts')?.textContent?.startsWith(`${x} keys match`), n);
  }
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: false });
  const value = async (key: string) => (await store.values()).get(key);

  test('sign in: a wrong password is refused, the right one opens the key list', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${url}/ui/`);
    await shot(page, '01-sign-in');
    await page.fill('#username', 'olivia');
    await page.fill('#password', 'not-the-password');
    await page.click('button[type=submit]');
    await page.waitForFunction(() => document.getElementById('login-error')?.textContent?.includes('wrong username'));
    await page.fill('#password', PASSWORDS.olivia);
    await page.click('button[type=submit]');
    await page.waitForSelector('#keys');
    assert.match(await page.textContent('#whoami') ?? '', /olivia \(operator\)/);
    assert.match(await page.textContent('#coverage') ?? '', /coverage 100\.00 %/);
  });

  test('a one-time password opens only the screen that replaces it', async () => {
    await authStore(store.db).createUser('newbie', 'one-time-pass-1', 'operator', true);
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${url}/ui/`);
    await page.fill('#username', 'newbie');
    await page.fill('#password', 'one-time-pass-1');
    await page.click('button[type=submit]');
    await page.waitForSelector('#next');
    assert.equal(await page.locator('#keys').count(), 0);
    await shot(page, '00-one-time-password');
    await page.fill('#current', 'one-time-pass-1');
    await page.fill('#next', 'a-much-better-password');
    await page.click('button[type=submit]');
    await page.waitForFunction(() => document.getElementById('login-error')?.textContent?.includes('Password changed'));
    await page.fill('#username', 'newbie');
    await page.fill('#password', 'a-much-better-password');
    await page.click('button[type=submit]');
    await page.waitForSelector('#keys');
  });

  test('search as you type, with filters and grouping', async () => {
    const page = await signIn('olivia');
    await page.fill('#search', 'xgb 5m learning');
    await page.waitForFunction(() => document.getElementById('counts')?.textContent?.startsWith('4 keys match'));
    await page.selectOption('#f-kind', 'default');
    await page.waitForFunction(() => document.getElementById('counts')?.textContent?.startsWith('1 keys match'));
    assert.equal(await page.locator('tr[data-row]').count(), 1);
    await page.fill('#search', '');
    await page.selectOption('#f-kind', '');
    await page.selectOption('#f-model', 'CB');
    await page.selectOption('#group', 'timeframe');
    await page.waitForFunction(() => document.getElementById('counts')?.textContent?.startsWith('85 keys match'));
    assert.ok(await page.locator('tr.group').count() >= 2);
    await shot(page, '02-keys-search-grouped');
  });

  test('inline edit: a validation error shows as you type and cannot be staged; a valid value is staged, reviewed and saved', async () => {
    const page = await signIn('olivia');
    const key = 'CVN_HPO_CB_5M_DEPTH';
    await find(page, 'cb 5m depth');
    await page.click(`[data-key="${key}"]`);
    await page.fill('#editor', '17');
    await page.waitForFunction(() => document.getElementById('editor-msg')?.textContent?.includes('outside the allowed domain [1, 16]'));
    assert.ok(await page.locator('#editor.invalid').count());
    await page.press('#editor', 'Enter');
    assert.equal(await page.locator('[data-staged]').count(), 0);
    await shot(page, '03-inline-validation-error');
    await page.fill('#editor', 'abc');
    await page.waitForFunction(() => document.getElementById('editor-msg')?.textContent?.includes('is not an integer'));
    await page.fill('#editor', '8');
    await page.press('#editor', 'Enter');
    await page.waitForSelector(`[data-staged="${key}"]`);
    await page.waitForSelector('#review:not([disabled])');
    await page.click('#review');
    assert.match(await page.textContent('#review-table') ?? '', /CVN_HPO_CB_5M_DEPTH\s*6\s*8/);
    await shot(page, '04-review-diff');
    await page.click('#save');
    await page.waitForFunction(() => document.getElementById('save-error')?.textContent === 'a reason is required');
    await page.fill('#reason', 'deeper trees for 5m');
    await page.click('#save');
    await page.waitForSelector('.toast');
    assert.equal(await value(key), '8');
    const h = await store.history({ key, limit: 1 });
    assert.deepEqual([h[0].actor, h[0].reason], ['user:olivia', 'deeper trees for 5m']);
  });

  test('bulk edit: select rows, set one value, review, save as one change-set', async () => {
    const page = await signIn('olivia');
    await find(page, 'lgb colsample_bytree', 5);
    for (const tf of ['1M', '5M', '15M']) await page.check(`input[aria-label="select CVN_HPO_LGB_${tf}_COLSAMPLE_BYTREE"]`);
    await page.fill('#bulk-value', '0.7');
    await page.click('#bulk-set');
    await page.waitForFunction(() => document.querySelectorAll('[data-staged]').length === 3);
    await page.waitForSelector('#review:not([disabled])');
    await shot(page, '05-bulk-staged');
    await page.click('#review');
    await page.fill('#reason', 'bulk: less column sampling');
    await page.click('#save');
    await page.waitForSelector('.toast');
    for (const tf of ['1M', '5M', '15M']) assert.equal(await value(`CVN_HPO_LGB_${tf}_COLSAMPLE_BYTREE`), '0.7');
    assert.equal(await value('CVN_HPO_LGB_30M_COLSAMPLE_BYTREE'), '0.8');
    const cs = (await store.history({ key: 'CVN_HPO_LGB_1M_COLSAMPLE_BYTREE', limit: 1 }))[0].changesetId;
    assert.equal((await store.history({ changesetId: cs })).length, 3);
  });

  test('a conflict between two sessions: the second editor is told, with both values, before saving', async () => {
    const key = 'CVN_HPO_XGB_1H_GAMMA';
    const a = await signIn('olivia');
    const b = await signIn('admin');
    for (const p of [a, b]) await find(p, 'xgb 1h gamma');
    await b.click(`[data-key="${key}"]`);
    await b.fill('#editor', '2');
    await b.press('#editor', 'Enter');
    await b.waitForSelector(`[data-staged="${key}"]`);
    await a.click(`[data-key="${key}"]`);
    await a.fill('#editor', '1');
    await a.press('#editor', 'Enter');
    await a.waitForSelector('#review:not([disabled])');
    await a.click('#review');
    await a.fill('#reason', 'olivia first');
    await a.click('#save');
    await a.waitForSelector('.toast');
    // B sees A's saved change live, flagged on the staged key with both values.
    await b.waitForSelector(`[data-conflict="${key}"]`);
    assert.match(await b.textContent(`[data-conflict="${key}"]`) ?? '', /Changed by user:olivia since you staged it: theirs 1, yours 2/);
    assert.ok(await b.locator('#review[disabled]').count());
    await shot(b, '06-conflict');
    await b.click(`[data-conflict="${key}"] >> text=Keep mine`);
    await b.waitForSelector('#review:not([disabled])');
    await b.click('#review');
    await b.fill('#reason', 'admin after reading olivia');
    await b.click('#save');
    await b.waitForSelector('.toast');
    assert.equal(await value(key), '2');
  });

  test('history and revert', async () => {
    const page = await signIn('olivia');
    const key = 'CVN_HPO_CB_5M_DEPTH';
    await find(page, 'cb 5m depth');
    await page.click(`[data-history="${key}"]`);
    await page.waitForSelector('#history');
    assert.match(await page.textContent('#history') ?? '', /user:olivia.*6 → 8.*deeper trees for 5m/s);
    await shot(page, '07-history');
    const cs = (await store.history({ key, limit: 1 }))[0].changesetId;
    await page.click(`[data-revert="${cs}"]`);
    await page.waitForSelector('.toast');
    assert.equal(await value(key), '6');
    assert.equal((await store.history({ key, limit: 1 }))[0].reverts, cs);
    await page.click('[data-tab="changes"]');
    await page.waitForSelector('#changes tbody tr');
    await shot(page, '08-change-log');
    await page.click('[data-tab="grid"]');
    await page.waitForSelector('#grid td.value');
    await shot(page, '09-grid');
    await store.db.query("INSERT INTO hp_fallback_report (key, model, timeframe, param, fallback, reporter, host) VALUES ('CVN_HPO_XGB_5M_GAMMA', 'XGB', '5M', 'GAMMA', '0', 'token:worker', 'node-7')");
    await page.click('[data-tab="fallbacks"]');
    await page.waitForSelector('#fallbacks td.key');
    assert.match(await page.textContent('#fallbacks') ?? '', /CVN_HPO_XGB_5M_GAMMA\s*1.*token:worker\s*node-7/s);
    await shot(page, '12-fallbacks');
    await page.click('[data-tab="presets"]');
    await page.click('#preview');
    await page.waitForSelector('#preset-preview table');
    await shot(page, '10-preset-preview');
  });

  test('a viewer can read but not edit', async () => {
    const page = await signIn('vera');
    assert.match(await page.textContent('#readonly') ?? '', /Read only/);
    await find(page, 'xgb 5m max_depth');
    await page.click('[data-key="CVN_HPO_XGB_5M_MAX_DEPTH"]');
    assert.equal(await page.locator('#editor').count(), 0);
    assert.equal(await page.locator('input[aria-label^="select "]').count(), 0);
    assert.equal(await page.locator('[data-tab="admin"]').count(), 0);
    const status = await page.evaluate(async () => (await fetch('/api/v1/keys/CVN_HPO_XGB_5M_MAX_DEPTH', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"value":"7"}' })).status);
    assert.equal(status, 403);
    await shot(page, '11-viewer-read-only');
    assert.equal(await value('CVN_HPO_XGB_5M_MAX_DEPTH'), '6');
  });
});
