// The agent desk in Slack serving a web-chat visitor, end to end: the real bot (started like
// `region-lock-bot start`) against the fake Slack Web API, and the real chat page in Debian's
// headless Chromium. Card → agent's reply in the thread → the visitor's browser (plain text, safe
// link) → the visitor's reply in the thread (redacted) → notes kept internal → Resolve → the bot again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { useHarness } from '../helpers/suite-harness';
import { AGENT_CHANNEL, SlackHarness, buttonsOf, settle, textOf, waitFor } from '../slack/helpers';
import { testEngine } from '../helpers/bot';
import { metricValue } from '../server/bot';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe('agent desk in Slack, web visitor in a browser', () => {
  const h = useHarness(new SlackHarness(), (x) => x.start({ env: { NEW_CONVERSATIONS_PER_MINUTE: '1000', HANDOFF_TIMEOUT_MINUTES: '60' } }));
  let context: BrowserContext;
  let page: Page;
  let profile: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium package (.ci/run does)`);
    profile = mkdtempSync(join(tmpdir(), 'rlb-chromium-desk-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      timeout: 20_000,
    });
    context.setDefaultTimeout(10_000);
    page = context.pages()[0] ?? (await context.newPage());
  }, 60_000);
  afterAll(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  const bots = () => page.locator('.msg.bot:not(.agent)');
  const agents = () => page.locator('.msg.agent');
  async function send(text: string, expectBotReply = true) {
    const before = await bots().count();
    await page.locator('#input').fill(text);
    await page.keyboard.press('Enter');
    if (expectBotReply) await expect.poll(() => bots().count(), { timeout: 10_000 }).toBeGreaterThan(before);
  }
  const cardUpdates = (ts: string) => h.fake.callsOf('chat.update').filter((c) => c.params.ts === ts);
  const thread = (ts: string) => h.posts({ channel: AGENT_CHANNEL, threadTs: ts });

  it('relays both ways, keeps notes internal, and hands back to the bot after Resolve', async () => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${h.url}/`);
    await page.locator('body[data-connection="open"]').waitFor();

    await send('my account says region not supported and my password is Hunter22!xy');
    await send('I want to talk to a real person please');
    // A person will answer here, and the visitor hears their place in the queue.
    await expect.poll(() => bots().last().innerText()).toMatch(/next in the queue/);
    expect(await bots().last().innerText()).not.toMatch(/no support agent behind this web chat/i);

    const card = await waitFor(() => h.posts({ channel: AGENT_CHANNEL }).find((c) => buttonsOf(c).some((b) => b.label === 'Claim')), 'the hand-off card');
    const cardText = textOf(card);
    expect(cardText).toContain('Web chat');
    expect(cardText).toMatch(/region not supported/);
    expect(cardText).toMatch(/<!date\^\d+\^\{ago\}/); // the waiting time
    expect(cardText).toMatch(/shared a secret/); // the card says a secret was shared…
    expect(JSON.stringify(card.params)).not.toContain('Hunter22'); // …and never shows it
    const macros = (card.params.blocks as any[]).flatMap((b) => b.elements ?? []).find((e: any) => e.type === 'static_select');
    expect(macros.options.length).toBeGreaterThanOrEqual(6);
    const ts = h.tsOf(card);

    // The agent's first reply in the card's thread claims the conversation and reaches the browser as
    // plain text under their name: markup is shown as typed, the link shows its own address.
    await h.threadMessage('Hi, I am &lt;b&gt;Ann&lt;/b&gt;, see <https://example.com/help?x=1> &lt;img src=x onerror=alert(1)&gt;', ts, {
      channel: AGENT_CHANNEL,
      user: 'U0AGENT',
    });
    await expect.poll(() => agents().count()).toBe(1);
    const agentRow = agents().first();
    expect(await agentRow.locator('.from').innerText()).toBe('Agent U0AGENT (support team)');
    expect(await agentRow.locator('.bubble').innerText()).toContain('Hi, I am <b>Ann</b>');
    expect(await agentRow.locator('b, img, script').count()).toBe(0);
    const link = agentRow.locator('a');
    expect(await link.getAttribute('href')).toBe('https://example.com/help?x=1');
    expect(await link.innerText()).toBe('https://example.com/help?x=1');
    expect(await link.getAttribute('rel')).toContain('noopener');
    // The joined notice came first, and the card now says who holds it.
    expect(await bots().last().innerText()).toMatch(/Agent U0AGENT from the support team has joined/);
    await waitFor(() => cardUpdates(ts).find((c) => textOf(c).includes('Claimed by <@U0AGENT>')), 'the claimed card');

    // Notes and other agents' words stay in the thread.
    await h.threadMessage('note: check the KYC history first', ts, { channel: AGENT_CHANNEL, user: 'U0AGENT' });
    await h.threadMessage('// internal too', ts, { channel: AGENT_CHANNEL, user: 'U0AGENT' });
    await h.threadMessage('Bo here, I can take the next one', ts, { channel: AGENT_CHANNEL, user: 'U0AGENT2' });
    await settle(h);
    expect(await agents().count()).toBe(1);
    expect(await page.locator('.log').innerText()).not.toMatch(/KYC history|internal too|Bo here/);

    // The visitor's reply reaches the thread (secrets removed); the bot itself stays quiet.
    const botCount = await bots().count();
    await send('thanks! my 2fa code is 123456 if you need it', false);
    const relayed = await waitFor(() => thread(ts).find((c) => textOf(c).includes('if you need it')), 'the visitor reply in the thread');
    expect(textOf(relayed)).not.toContain('123456');
    expect(await bots().count()).toBe(botCount);

    // A reload shows the agent's message again (kept in the transcript).
    await page.reload();
    await page.locator('body[data-connection="open"]').waitFor();
    await expect.poll(() => agents().count()).toBe(1);

    // Resolve: the visitor is told, the card closes, and the bot answers again.
    const claimed = cardUpdates(ts).find((c) => buttonsOf(c).some((b) => b.label === 'Resolve'))!;
    await h.click({ ...claimed, result: card.result }, 'Resolve', { user: 'U0AGENT' });
    const resolvedNotice = testEngine().message('agent_resolved').split('\n')[0]!.trim().slice(0, 40);
    await expect.poll(() => bots().last().innerText()).toContain(resolvedNotice);
    await waitFor(() => cardUpdates(ts).find((c) => /Resolved by <@U0AGENT>/.test(textOf(c)) && buttonsOf(c).length === 0), 'the resolved card');
    await send('are my funds safe?');
    expect(await bots().last().getAttribute('data-state')).toBeTruthy();

    // The audit trail: every relay, who and when, redacted.
    const record = (await h.bot.desk!.openRecords()).length;
    expect(record).toBe(0);
    const id = String(buttonsOf(card).find((b) => b.label === 'Claim')!.value);
    const trail = await h.bot.desk!.auditTrail(id);
    expect(trail.map((e) => e.what)).toEqual(['opened', 'claimed', 'agent', 'note', 'note', 'internal', 'user', 'resolved']);
    expect(trail.find((e) => e.what === 'agent')?.who).toContain('U0AGENT');
    expect(trail.every((e) => typeof e.at === 'number')).toBe(true);
    expect(JSON.stringify(trail)).not.toMatch(/Hunter22|123456/);
    expect(errors).toEqual([]);
    // The visitor's id is their bearer token: agents never see it.
    const visitorId = await page.evaluate(() => localStorage.getItem('region-lock-bot:user'));
    expect(visitorId).toMatch(/^v1\./);
    expect(JSON.stringify(h.fake.calls.map((c) => c.params))).not.toContain(visitorId);

    // Metrics: one claim and one resolve measured for the web channel, nothing waiting.
    const metrics = await (await fetch(`${h.url}/metrics`, { signal: AbortSignal.timeout(10_000) })).text();
    expect(metricValue(metrics, 'rlb_handoff_time_to_claim_seconds_count{channel="web"}')).toBe(1);
    expect(metricValue(metrics, 'rlb_handoff_time_to_resolve_seconds_count{channel="web",outcome="resolved"}')).toBe(1);
    expect(metricValue(metrics, 'rlb_handoffs_waiting')).toBe(0);
  });
});
