// Drives the real chat page in Debian's headless Chromium (never a downloaded browser).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { RunningBot } from '../../src/server/start-bot';
import { MemoryStore } from '../../src/store/memory';
import { startTestBot } from '../server/bot';
import { PACKAGE_ROOT } from '../../src/paths';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = join(PACKAGE_ROOT, 'test', 'artifacts');

describe('chat page in a browser', () => {
  let bot: RunningBot;
  let context: BrowserContext;
  let page: Page;
  let profile: string;
  const store = new MemoryStore();

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium package (.ci/run does)`);
    bot = await startTestBot({}, store);
    profile = mkdtempSync(join(tmpdir(), 'rlb-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      viewport: { width: 900, height: 1100 },
      reducedMotion: 'reduce', // no smooth scrolling: screenshots show the final position
      timeout: 20_000,
    });
    context.setDefaultTimeout(10_000);
    page = context.pages()[0] ?? (await context.newPage());
  });

  afterAll(async () => {
    await context?.close();
    await bot?.stop();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  const botMessages = () => page.locator('.msg.bot');
  const lastBot = () => botMessages().last();

  async function typeAndSend(text: string) {
    const before = await botMessages().count();
    await page.locator('#input').fill(text);
    await page.keyboard.press('Enter');
    await expect.poll(() => botMessages().count(), { timeout: 10_000 }).toBeGreaterThan(before);
  }

  it('diagnoses a region lock with chips and typed answers, and keeps the conversation across a reload', async () => {
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${bot.url}/`);
    await page.locator('body[data-connection="open"]').waitFor();
    await expect.poll(() => page.title()).toContain('Binance');

    // Keyboard: the message box has focus, and Shift+Tab reaches the suggestion chips (real buttons).
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('input');
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('chip');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('input');

    await typeAndSend('my region is not supported');
    expect(await lastBot().getAttribute('data-state')).toBe('ask_scope');

    // Answer by clicking a chip…
    const before = await botMessages().count();
    await page.locator('.chip', { hasText: 'Every network' }).click();
    await expect.poll(() => botMessages().count()).toBeGreaterThan(before);
    expect(await page.locator('.msg.user').last().innerText()).toBe('Every network');

    // …and by typing, until the bot names a cause (bounded: the engine asks at most five questions).
    const typedAnswers = ['Yes, my KYC residence is mainland China', 'no', 'no', 'no'];
    for (const answer of typedAnswers) {
      if (await lastBot().getAttribute('data-cause')) break;
      await typeAndSend(answer);
    }
    expect(await lastBot().getAttribute('data-cause')).toBe('kyc_region');
    expect(await lastBot().innerText()).toMatch(/most likely/i);

    // The screenshot (also used by the README) shows the conversation from its start to the diagnosis.
    await page
      .locator('.msg.user')
      .first()
      .evaluate((el) => el.scrollIntoView({ block: 'start' }));
    mkdirSync(ARTIFACTS, { recursive: true });
    const shot = join(ARTIFACTS, 'chat.png');
    await page.screenshot({ path: shot });

    // User text is shown as text, never run as markup.
    await typeAndSend('<img src=x onerror="window.__pwned=1"> **not bold** thanks');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('.msg.user img').count()).toBe(0);
    expect(await page.locator('.msg.user').last().innerText()).toContain('<img src=x');

    const transcript = await page.locator('.msg').allInnerTexts();
    await page.reload();
    await page.locator('body[data-connection="open"]').waitFor();
    await expect.poll(() => page.locator('.msg').count()).toBe(transcript.length - 1); // the intro is not part of the history
    expect(await page.locator('.msg').allInnerTexts()).toEqual(transcript.slice(1));
    expect(pageErrors).toEqual([]);

    // The README shows the same screenshot; it is refreshed on request so test runs leave the tree clean.
    const docsShot = join(PACKAGE_ROOT, 'docs', 'chat.png');
    if (!existsSync(docsShot) || process.env.UPDATE_DOCS_SCREENSHOT) {
      mkdirSync(join(PACKAGE_ROOT, 'docs'), { recursive: true });
      copyFileSync(shot, docsShot);
    }
  });

  it('on a phone (390×844) the headline of a diagnosis is inside the viewport when it arrives', async () => {
    const phone = await context.newPage();
    try {
      await phone.setViewportSize({ width: 390, height: 844 });
      // A fresh visitor: its own id, so the conversation starts empty.
      await phone.addInitScript(() => localStorage.clear());
      await phone.goto(`${bot.url}/`);
      await phone.locator('body[data-connection="open"]').waitFor();
      const bots = phone.locator('.msg.bot');
      const say = async (text: string) => {
        const before = await bots.count();
        await phone.locator('#input').fill(text);
        await phone.keyboard.press('Enter');
        await expect.poll(() => bots.count(), { timeout: 10_000 }).toBeGreaterThan(before);
      };
      // Several questions first, so the reply is long and the page has scrolled before.
      await say('my account says region not supported. can I still withdraw? can I cancel my open orders? does a VPN help?');
      await say('every network, and I registered with mainland China as my residence');
      const last = bots.last();
      expect(await last.getAttribute('data-cause')).toBe('kyc_region');
      const box = (await last.locator('strong').first().boundingBox())!;
      const log = (await phone.locator('#log').boundingBox())!;
      // The headline ("Most likely cause: …") is visible without scrolling back.
      expect(await last.locator('strong').first().innerText()).toMatch(/Most likely cause/);
      expect(box.y).toBeGreaterThanOrEqual(log.y - 1);
      expect(box.y + box.height).toBeLessThanOrEqual(Math.min(log.y + log.height, 844) + 1);
    } finally {
      await phone.close();
    }
  });

  it('shows the page in the conversation language: Chinese strings after a Chinese message, kept across a reload', async () => {
    const zh = await context.newPage();
    try {
      // A fresh visitor (cleared once: the reload below must keep the id it is given).
      await zh.addInitScript(() => {
        if (sessionStorage.getItem('fresh')) return;
        localStorage.clear();
        sessionStorage.setItem('fresh', '1');
      });
      await zh.goto(`${bot.url}/`);
      await zh.locator('body[data-connection="open"]').waitFor();
      // An English browser gets the English page first.
      expect(await zh.locator('#input').getAttribute('placeholder')).toMatch(/Describe what you see/);
      const bots = zh.locator('.msg.bot');
      const before = await bots.count();
      await zh.locator('#input').fill('币安显示不支持您所在的地区，怎么办？');
      await zh.keyboard.press('Enter');
      await expect.poll(() => bots.count(), { timeout: 10_000 }).toBeGreaterThan(before);
      await zh.locator('body[data-language="zh"]').waitFor();
      expect(await zh.locator('#input').getAttribute('placeholder')).toContain('不支持您所在的地区');
      expect(await zh.locator('.hint').innerText()).toContain('助记词');
      expect(await zh.locator('#title').innerText()).toBe('Binance 账号访问帮助');
      expect(await zh.title()).toBe('Binance 账号访问帮助');
      expect(await zh.locator('#status').innerText()).toBe('在线');
      expect(await zh.locator('html').getAttribute('lang')).toBe('zh-Hans');
      expect(await bots.last().innerText()).toContain('所有网络');
      // The greeting before the first message follows the language too.
      expect(await bots.first().innerText()).toContain('我可以帮您');
      expect(await zh.locator('.chip').allInnerTexts()).toEqual(['所有网络都这样', '只有这个网络', '不确定']);
      expect(await zh.locator('.chips').getAttribute('aria-label')).toBe('回答选项');
      await zh.screenshot({ path: join(PACKAGE_ROOT, 'test', 'artifacts', 'chat-zh.png') });
      await zh.reload();
      await zh.locator('body[data-connection="open"]').waitFor();
      await zh.locator('body[data-language="zh"]').waitFor();
      expect(await zh.locator('#input').getAttribute('placeholder')).toContain('不支持您所在的地区');
    } finally {
      await zh.close();
    }
  });

  it('a first visit from a Chinese browser gets the Chinese intro and starter chips', async () => {
    const zh = await context.newPage();
    try {
      await zh.addInitScript(() => {
        localStorage.clear();
        Object.defineProperty(navigator, 'languages', { get: () => ['zh-CN', 'zh'] });
      });
      await zh.goto(`${bot.url}/`);
      await zh.locator('body[data-connection="open"]').waitFor();
      await zh.locator('body[data-language="zh"]').waitFor();
      expect(await zh.locator('.msg.bot').first().innerText()).toContain('不支持您所在的地区');
      expect(await zh.locator('.chip').allInnerTexts()).toContain('我的资产安全吗？');
      expect(await zh.locator('.chips').getAttribute('aria-label')).toBe('建议');
    } finally {
      await zh.close();
    }
  });

  it('reconnects by itself when the server restarts, and carries on the conversation', async () => {
    await page.goto(`${bot.url}/`);
    await page.locator('body[data-connection="open"]').waitFor();
    const transcript = await page.locator('.msg').allInnerTexts();
    const port = new URL(bot.url).port;

    await bot.stop(); // closes every socket: the page must notice and retry on its own
    await page.locator('body[data-connection="closed"]').waitFor();
    bot = await startTestBot({ PORT: port }, store);

    await page.locator('body[data-connection="open"]').waitFor({ timeout: 15_000 });
    expect(await page.locator('.msg').allInnerTexts()).toEqual(transcript);
    await typeAndSend('can I still withdraw my funds?');
    expect(await page.locator('.msg.user').last().innerText()).toBe('can I still withdraw my funds?');
    expect(await lastBot().getAttribute('data-state')).not.toBeNull();
  });
});
