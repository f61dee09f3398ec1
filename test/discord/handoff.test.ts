// Hand-offs: the card in DISCORD_AGENT_CHANNEL_ID, Claim (the bot goes quiet), the customer's words
// copied to the card's thread, the claiming agent's reply form and thread mentions passed on,
// Release / Resolved, all through the real discord.js client against the fake Discord.
import { describe, expect, it } from 'vitest';
import { MessageFlags } from 'discord.js';
import type { MessageKey } from '../../src/engine/api';
import { testEngine } from '../helpers/bot';
import { useHarness } from '../helpers/suite-harness';
import { AGENT_CHANNEL_ID, DiscordHarness, buttonsOf, person, settle, textOf, waitFor } from './helpers';

/** The longest fixed part of an engine message (the agent's name is filled in by the adapter). */
function fragment(key: MessageKey): string {
  const parts = testEngine().message(key, { agent: '\u0007' }).split('\u0007');
  return parts.map((p) => p.split('\n')[0].trim()).sort((a, b) => b.length - a.length)[0];
}

describe('discord hand-offs', () => {
  const h = useHarness(new DiscordHarness());

  it('claim, relay both ways, resolve: the bot is quiet while claimed and back afterwards', async () => {
    const grace = person('Grace');
    const agent = person('Agent Ann');
    const other = person('Agent Bo');
    const dm = h.dmChannel(grace);
    h.dm(grace, 'my account says region not supported');
    await waitFor(() => h.posted(dm)[0], 'the first reply');
    h.dm(grace, 'I want to talk to a real person please');

    const card = await waitFor(() => h.posted(AGENT_CHANNEL_ID).find((m) => buttonsOf(m).some((b) => b.label === 'Claim')), 'the hand-off card');
    expect(textOf(card)).toContain(`<@${grace.id}>`);
    expect(textOf(card)).toMatch(/region not supported/);
    const cardPost = h.fake.calls('POST', new RegExp(`^/channels/${AGENT_CHANNEL_ID}/messages$`)).find((r) => String(r.body.content).includes(grace.id));
    expect(cardPost?.body.allowed_mentions).toEqual({ parse: [] });
    // The card gets a thread where the customer's words are copied.
    const threadCall = await waitFor(
      () => h.fake.calls('POST', new RegExp(`^/channels/${AGENT_CHANNEL_ID}/messages/${card.id}/threads$`))[0],
      'the card thread',
    );
    const cardThread = card.id;
    expect(threadCall.body.name).toContain('grace');

    const claim = h.click(card, 'Claim', agent);
    const claimed = await h.callbackOf(claim, 'the claimed card');
    expect(claimed.type).toBe(7);
    expect(buttonsOf(claimed.data).map((b) => b.label)).toEqual(['Reply', 'Release', 'Resolved']);
    expect(textOf(claimed.data)).toContain(`<@${agent.id}>`);
    const joined = await waitFor(() => h.posted(dm).find((m) => m.content.includes(fragment('agent_joined'))), 'the agent-joined message');
    expect(joined.content).toContain('Agent Ann');

    // A second agent cannot claim it again; they are told privately.
    const second = h.click(card, 'Claim', other);
    const told = await h.callbackOf(second, 'the already-claimed notice');
    expect(told.type).toBe(4);
    expect(told.data.flags & MessageFlags.Ephemeral).toBeTruthy();
    expect(told.data.content).toContain(`<@${agent.id}>`);

    // While claimed: the customer's words go to the card's thread, the bot says nothing in the DM.
    const dmCount = h.posted(dm).length;
    h.dm(grace, 'hello, is anyone there?');
    const copied = await waitFor(() => h.posted(cardThread).find((m) => m.content.includes('is anyone there')), 'the customer words in the card thread');
    expect(copied.content).toContain(`<@${grace.id}>`);
    await settle(h);
    expect(h.posted(dm).length).toBe(dmCount);
    // A secret the customer types is redacted before it reaches the agents.
    h.dm(grace, 'my password is Hunter22!xy can you check');
    const redacted = await waitFor(() => h.posted(cardThread).find((m) => m.content.includes('can you check')), 'the copied message with a password');
    expect(redacted.content).not.toContain('Hunter22');

    // "Reply" opens a form; what the claiming agent writes reaches the customer under their name.
    const claimedMessage = { ...card, ...claimed.data };
    const replyClick = h.click(claimedMessage, 'Reply', agent);
    const modal = await h.callbackOf(replyClick, 'the reply form');
    expect(modal.type).toBe(9);
    h.submitModal(agent, modal.data.custom_id, 'reply', 'Hi Grace, I am looking at your account now.', claimedMessage);
    const passedOn = await waitFor(() => h.posted(dm).find((m) => m.content.includes('looking at your account')), 'the agent reply in the DM');
    expect(passedOn.content).toContain('Agent Ann');
    // Another agent's form is refused: one voice for the customer.
    const otherReply = h.click(claimedMessage, 'Reply', other);
    expect((await h.callbackOf(otherReply)).type).toBe(4);

    // Mentioning the bot in the card thread works too; other agents' notes there stay internal.
    h.guildMessage(agent, 'Your KYC country is the issue, I am updating it.', { channelId: cardThread, mention: true });
    await waitFor(() => h.posted(dm).find((m) => m.content.includes('updating it')), 'the thread mention passed on');
    h.guildMessage(other, 'Internal note: probably a KYC case', { channelId: cardThread, mention: true });
    await settle(h);
    expect(h.posted(dm).some((m) => m.content.includes('Internal note'))).toBe(false);

    // Resolved: the card closes, the customer is told, and the bot answers again.
    const resolve = h.click(claimedMessage, 'Resolved', agent);
    const closed = await h.callbackOf(resolve, 'the resolved card');
    expect(closed.type).toBe(7);
    expect(closed.data.components).toEqual([]);
    expect(textOf(closed.data)).toMatch(/resolved/i);
    await waitFor(() => h.posted(dm).find((m) => m.content.includes(fragment('agent_resolved'))), 'the resolved message');
    const afterResolve = h.posted(dm).length;
    h.dm(grace, 'are my funds safe?');
    await waitFor(() => h.posted(dm).length > afterResolve, 'a bot answer after resolution');

    // Old buttons of a closed card change nothing.
    const stale = h.click(claimedMessage, 'Release', agent);
    const staleAnswer = await h.callbackOf(stale);
    expect(staleAnswer.type).toBe(7);
    expect(staleAnswer.data.components).toEqual([]);
  });

  it('release hands a thread conversation back to the bot', async () => {
    const heidi = person('Heidi');
    const agent = person('Agent Cy');
    const mention = h.guildMessage(heidi, 'I need a human agent', { mention: true });
    const thread = mention.id;
    const card = await waitFor(() => h.posted(AGENT_CHANNEL_ID).find((m) => m.content.includes(heidi.id) && buttonsOf(m).length), 'the hand-off card');
    expect(textOf(card)).toContain(`<#${thread}>`);
    const claimed = await h.callbackOf(h.click(card, 'Claim', agent));
    await waitFor(() => h.posted(thread).find((m) => m.content.includes(fragment('agent_joined'))), 'the joined message in the thread');
    const released = await h.callbackOf(h.click({ ...card, ...claimed.data }, 'Release', agent));
    expect(textOf(released.data)).toMatch(/back to the bot/i);
    await waitFor(() => h.posted(thread).find((m) => m.content.includes(fragment('agent_released'))), 'the released message');
    const count = h.posted(thread).length;
    h.guildMessage(heidi, 'are my funds safe?', { channelId: thread, mention: true });
    await waitFor(() => h.posted(thread).length > count, 'the bot answering again');
  });
});
