// Hand-offs: the card in the agents' channel, Claim, relaying while claimed, Release and Resolved.
// (Answer-button clicks are covered in messages.test.ts and events.test.ts.)
import { describe, expect, it } from 'vitest';
import { useHarness } from '../helpers/suite-harness';
import { SlackHarness, AGENT_CHANNEL, buttonsOf, settle, textOf, waitFor } from './helpers';
import { testEngine } from '../helpers/bot';
import { toMrkdwn } from '../../adapters/slack/render/mrkdwn';
import type { MessageKey } from '../../src/engine/api';

/** The longest fixed part of a message template, as it appears in Slack. */
function fragment(key: MessageKey): string {
  const parts = toMrkdwn(testEngine().message(key, { agent: '\u0007' })).split('\u0007');
  return parts.map((p) => p.split('\n')[0].trim()).sort((a, b) => b.length - a.length)[0];
}

describe('slack hand-offs', () => {
  const h = useHarness(new SlackHarness());

  it('claim, relay both ways, release: the bot is quiet while claimed and back afterwards', async () => {
    const channel = 'D0GRACE';
    const user = 'U0GRACE';
    await h.dm('my account says region not supported', { user, channel });
    await waitFor(() => h.posts({ channel })[0], 'the first reply');
    await h.dm('I want to talk to a real person please', { user, channel });

    const card = await waitFor(() => h.posts({ channel: AGENT_CHANNEL }).find((c) => buttonsOf(c).some((b) => b.label === 'Claim')), 'the hand-off card');
    expect(textOf(card)).toContain(`<@${user}>`);
    expect(textOf(card)).toMatch(/region not supported/);
    const userPostsBeforeClaim = h.posts({ channel }).length;

    await h.click(card, 'Claim', { user: 'U0AGENT' });
    const claimedUpdate = await waitFor(
      () => h.fake.callsOf('chat.update').find((c) => c.params.channel === AGENT_CHANNEL && buttonsOf(c).some((b) => b.label === 'Release')),
      'the claimed card',
    );
    expect(buttonsOf(claimedUpdate).map((b) => b.label)).toEqual(['Release', 'Resolve']);
    expect(textOf(claimedUpdate)).toContain('<@U0AGENT>');
    const joined = await waitFor(
      () =>
        h
          .posts({ channel })
          .slice(userPostsBeforeClaim)
          .find((c) => textOf(c).includes(fragment('agent_joined'))),
      'the agent-joined message',
    );
    // The customer sees the agent's display name (users.info), not a Slack mention.
    expect(textOf(joined)).toContain('Agent U0AGENT');

    // A second agent cannot claim it again; they are told privately.
    const second = await h.click(card, 'Claim', { user: 'U0AGENT2' });
    const responseId = String(second.payload.response_url).split('/').pop();
    const told = await waitFor(() => h.fake.responses.find((r) => r.id === responseId), 'the already-claimed notice');
    expect(told.body.response_type).toBe('ephemeral');

    // While claimed: the customer's words go to the agents' thread, the bot says nothing.
    const userPosts = h.posts({ channel }).length;
    await h.dm('hello, is anyone there?', { user, channel });
    const relayed = await waitFor(
      () => h.posts({ channel: AGENT_CHANNEL, threadTs: h.tsOf(card) }).find((c) => textOf(c).includes('is anyone there')),
      'the relayed customer message',
    );
    expect(textOf(relayed)).toContain(`<@${user}>`);
    // A secret the customer types is redacted before it reaches the agents.
    await h.dm('my password is Hunter22!xy can you check', { user, channel });
    const redacted = await waitFor(
      () => h.posts({ channel: AGENT_CHANNEL, threadTs: h.tsOf(card) }).find((c) => textOf(c).includes('can you check')),
      'the relayed message with a password',
    );
    expect(textOf(redacted)).not.toContain('Hunter22');
    // The agent answers in the card's thread; the customer gets it in the DM.
    await h.threadMessage('Hi Grace, I am looking at your account now.', h.tsOf(card), { channel: AGENT_CHANNEL, user: 'U0AGENT' });
    const passedOn = await waitFor(
      () =>
        h
          .posts({ channel })
          .slice(userPosts)
          .find((c) => textOf(c).includes('looking at your account')),
      'the agent reply in the DM',
    );
    expect(textOf(passedOn)).toContain('Agent U0AGENT (support team)');
    // Another agent discussing the case in the thread is not passed on to the customer.
    await h.threadMessage('Internal note: probably a KYC case', h.tsOf(card), { channel: AGENT_CHANNEL, user: 'U0AGENT2' });
    await settle(h);
    expect(h.posts({ channel }).length).toBe(userPosts + 1);
    expect(h.posts({ channel }).some((c) => textOf(c).includes('Internal note'))).toBe(false);

    // Release: the customer hears the bot is back, the card shows it, and the bot answers again.
    await h.click(claimedUpdate, 'Release', { user: 'U0AGENT' });
    await waitFor(() => h.posts({ channel }).find((c) => textOf(c).includes(fragment('agent_released'))), 'the released message');
    const closed = await waitFor(
      () => h.fake.callsOf('chat.update').find((c) => c.params.channel === AGENT_CHANNEL && /back to the bot/.test(textOf(c))),
      'the released card',
    );
    expect(buttonsOf(closed)).toHaveLength(0);
    const afterRelease = h.posts({ channel }).length;
    await h.dm('are my funds safe?', { user, channel });
    await waitFor(() => h.posts({ channel }).length > afterRelease, 'a bot answer after release');
  });

  it('a thread conversation handed off and marked resolved', async () => {
    const channel = 'C0HELP';
    const mention = await h.mention('I need a human agent', { user: 'U0HEIDI', channel });
    const card = await waitFor(
      () => h.posts({ channel: AGENT_CHANNEL }).find((c) => textOf(c).includes('<@U0HEIDI>') && buttonsOf(c).length > 0),
      'the hand-off card',
    );
    // The card links to the customer's thread.
    expect(textOf(card)).toContain(`https://fake.slack.test/archives/${channel}/p`);
    await h.click(card, 'Claim', { user: 'U0AGENT' });
    await waitFor(
      () => h.posts({ channel, threadTs: mention.ts }).find((c) => textOf(c).includes(fragment('agent_joined'))),
      'the joined message in the thread',
    );
    const claimed = await waitFor(
      () => h.fake.callsOf('chat.update').find((c) => c.params.ts === h.tsOf(card) && buttonsOf(c).some((b) => b.label === 'Resolve')),
      'the claimed card',
    );
    // Quiet while claimed, also for thread follow-ups.
    const before = h.posts({ channel, threadTs: mention.ts }).length;
    await h.threadMessage('still waiting', mention.ts, { user: 'U0HEIDI', channel });
    await settle(h);
    expect(h.posts({ channel, threadTs: mention.ts }).length).toBe(before);

    await h.click(claimed, 'Resolve', { user: 'U0AGENT' });
    const resolved = await waitFor(
      () => h.posts({ channel, threadTs: mention.ts }).find((c) => textOf(c).includes(fragment('agent_resolved'))),
      'the resolved message',
    );
    expect(resolved.params.thread_ts).toBe(mention.ts);
    await waitFor(
      () => h.fake.callsOf('chat.update').find((c) => c.params.ts === h.tsOf(card) && /resolved/i.test(textOf(c)) && buttonsOf(c).length === 0),
      'the resolved card',
    );
  });
});
