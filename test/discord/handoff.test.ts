// Hand-offs of Discord conversations on the Discord desk: the card in DISCORD_AGENT_CHANNEL_ID,
// Claim (the bot goes quiet), the customer's words copied to the card's thread, the claiming agent's
// reply form and thread mentions passed on, notes kept internal, the macro menu, Release / Resolve,
// all through the real discord.js client against the fake Discord.
import { describe, expect, it } from 'vitest';
import { MessageFlags } from 'discord.js';
import type { MessageKey } from '../../src/engine/api';
import { testEngine } from '../helpers/bot';
import { useHarness } from '../helpers/suite-harness';
import { AGENT_CHANNEL_ID, DiscordHarness, buttonsOf, person, settle, textOf, waitFor } from './helpers';

/** The longest fixed part of an engine message (the agent's name is filled in by the desk). */
function fragment(key: MessageKey): string {
  const parts = testEngine().message(key, { agent: '\u0007' }).split('\u0007');
  return parts.map((p) => p.split('\n')[0].trim()).sort((a, b) => b.length - a.length)[0];
}

const labels = (m: any) => buttonsOf(m).map((b) => b.label);

describe('discord hand-offs', () => {
  const h = useHarness(new DiscordHarness());

  it('claim, relay both ways, notes, macro, resolve: the bot is quiet while claimed and back afterwards', async () => {
    const grace = person('Grace');
    const agent = person('Agent Ann');
    const other = person('Agent Bo');
    const dm = h.dmChannel(grace);
    h.dm(grace, 'my account says region not supported');
    await waitFor(() => h.posted(dm)[0], 'the first reply');
    h.dm(grace, 'I want to talk to a real person please');
    // The user hears where they are in the queue.
    await waitFor(() => h.posted(dm).find((m) => /next in the queue|number \d+ in the queue/.test(m.content)), 'the queue position');

    const card = await waitFor(() => h.posted(AGENT_CHANNEL_ID).find((m) => labels(m).includes('Claim')), 'the hand-off card');
    expect(textOf(card)).toContain(`<@${grace.id}>`);
    expect(textOf(card)).toMatch(/region not supported/);
    expect(textOf(card)).toMatch(/<t:\d+:R>/); // the waiting time, live in every client
    const cardPost = h.fake.calls('POST', new RegExp(`^/channels/${AGENT_CHANNEL_ID}/messages$`)).find((r) => String(r.body.content).includes(grace.id));
    expect(cardPost?.body.allowed_mentions).toEqual({ parse: [] });
    // The macro menu offers every cause's macro.
    const menu = card.components.flatMap((r: any) => r.components).find((c: any) => c.type === 3);
    expect(menu.options.length).toBeGreaterThanOrEqual(6);
    const threadCall = await waitFor(
      () => h.fake.calls('POST', new RegExp(`^/channels/${AGENT_CHANNEL_ID}/messages/${card.id}/threads$`))[0],
      'the card thread',
    );
    const cardThread = card.id;
    expect(threadCall.body.name).toContain('Grace');

    const claim = h.click(card, 'Claim', agent);
    expect((await h.callbackOf(claim, 'the claim acknowledgement')).type).toBe(6);
    const claimed = await waitFor(() => (labels(h.message(card.id)).includes('Release') ? h.message(card.id) : null), 'the claimed card');
    expect(labels(claimed)).toEqual(['Reply', 'Release', 'Resolve']);
    expect(textOf(claimed)).toContain(`<@${agent.id}>`);
    const joined = await waitFor(() => h.posted(dm).find((m) => m.content.includes(fragment('agent_joined'))), 'the agent-joined message');
    expect(joined.content).toContain('Agent Ann');

    // A second agent cannot claim it again; they are told privately.
    const second = h.click(card, 'Claim', other);
    const told = await waitFor(() => h.followUpsOf(second)[0], 'the already-claimed notice');
    expect(told.body.flags & MessageFlags.Ephemeral).toBeTruthy();
    expect(told.body.content).toContain(`<@${agent.id}>`);

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
    const replyClick = h.click(claimed, 'Reply', agent);
    const modal = await h.callbackOf(replyClick, 'the reply form');
    expect(modal.type).toBe(9);
    h.submitModal(agent, modal.data.custom_id, 'reply', 'Hi Grace, I am looking at your account now.', claimed);
    const passedOn = await waitFor(() => h.posted(dm).find((m) => m.content.includes('looking at your account')), 'the agent reply in the DM');
    expect(passedOn.content).toContain('Agent Ann (support team)');
    // Another agent's form is refused: one voice for the customer.
    expect((await h.callbackOf(h.click(claimed, 'Reply', other))).type).toBe(4);

    // Mentioning the bot in the card thread works too; notes and other agents' words stay internal.
    h.guildMessage(agent, 'Your KYC country is the issue, I am updating it.', { channelId: cardThread, mention: true });
    await waitFor(() => h.posted(dm).find((m) => m.content.includes('updating it')), 'the thread mention passed on');
    h.guildMessage(agent, 'note: check the KYC history before resolving', { channelId: cardThread, mention: true });
    h.guildMessage(other, 'Internal: probably a KYC case', { channelId: cardThread, mention: true });
    await settle(h);
    expect(h.posted(dm).some((m) => /KYC history|probably a KYC case/.test(m.content))).toBe(false);

    // The macro menu sends the chosen cause's macro to the customer.
    const pick = h.select(claimed, menu.custom_id, 'kyc_region', agent);
    await h.callbackOf(pick, 'the macro acknowledgement');
    await waitFor(() => h.posted(dm).find((m) => m.content.includes('Agent Ann (support team)') && m.content.length > 200), 'the macro in the DM');

    // Resolve: the card closes, the customer is told, and the bot answers again.
    h.click(claimed, 'Resolve', agent);
    const closed = await waitFor(() => (/Resolved by/.test(textOf(h.message(card.id))) ? h.message(card.id) : null), 'the resolved card');
    expect(closed.components).toEqual([]);
    await waitFor(() => h.posted(dm).find((m) => m.content.includes(fragment('agent_resolved'))), 'the resolved message');
    const afterResolve = h.posted(dm).length;
    h.dm(grace, 'are my funds safe?');
    await waitFor(() => h.posted(dm).length > afterResolve, 'a bot answer after resolution');

    // Old buttons of a closed card change nothing; the agent is told privately.
    const stale = h.click(claimed, 'Release', agent);
    const staleAnswer = await waitFor(() => h.followUpsOf(stale)[0], 'the stale-button notice');
    expect(staleAnswer.body.content).toMatch(/no longer waiting/);
  });

  it('release hands a thread conversation back to the bot', async () => {
    const heidi = person('Heidi');
    const agent = person('Agent Cy');
    const mention = h.guildMessage(heidi, 'I need a human agent', { mention: true });
    const thread = mention.id;
    const card = await waitFor(() => h.posted(AGENT_CHANNEL_ID).find((m) => m.content.includes(heidi.id) && buttonsOf(m).length), 'the hand-off card');
    h.click(card, 'Claim', agent);
    await waitFor(() => h.posted(thread).find((m) => m.content.includes(fragment('agent_joined'))), 'the joined message in the thread');
    const claimed = await waitFor(() => (labels(h.message(card.id)).includes('Release') ? h.message(card.id) : null), 'the claimed card');
    h.click(claimed, 'Release', agent);
    await waitFor(() => (/back to the bot/i.test(textOf(h.message(card.id))) ? 1 : 0), 'the released card');
    await waitFor(() => h.posted(thread).find((m) => m.content.includes(fragment('agent_released'))), 'the released message');
    const count = h.posted(thread).length;
    h.guildMessage(heidi, 'are my funds safe?', { channelId: thread, mention: true });
    await waitFor(() => h.posted(thread).length > count, 'the bot answering again');
  });
});
