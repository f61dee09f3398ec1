// Robustness of the Discord channel: gateway reconnects and resumes in the middle of a conversation,
// 429 rate limits waited out by discord.js's REST queue, missing permissions logged as warnings, and
// malformed or unknown interactions answered without crashing.
import { describe, expect, it } from 'vitest';
import { MessageFlags } from 'discord.js';
import { useHarness } from '../helpers/suite-harness';
import { DiscordHarness, LOCKED_CHANNEL_ID, buttonsOf, person, settle, waitFor } from './helpers';

describe('discord robustness', () => {
  const h = useHarness(new DiscordHarness());

  const discordChannel = () => h.raw.channels.find((c: { name: string }) => c.name === 'discord');

  it('resumes after op 7 RECONNECT mid-conversation, and the conversation goes on', async () => {
    const ivan = person('Ivan');
    const dm = h.dmChannel(ivan);
    h.dm(ivan, 'my account says region not supported');
    const question = await waitFor(() => h.posted(dm).find((m) => buttonsOf(m).some((b) => /every network/i.test(b.label))), 'the scope question');

    const identifies = h.fake.identifies;
    h.fake.requestReconnect();
    await waitFor(() => h.fake.resumes === 1 && h.fake.connected, 'the RESUME', 10_000);
    const resume = h.fake.gatewayLog.find((p) => p.op === 6);
    expect(resume?.d.session_id).toMatch(/^session-/);
    expect(resume?.d.seq).toBeGreaterThan(1);
    expect(h.fake.identifies).toBe(identifies);
    await waitFor(() => discordChannel().connected(), 'connected again');

    h.click(question, 'Every network', ivan);
    await waitFor(
      () => h.posted(dm, question.id).find((m) => buttonsOf(m).some((b) => /restricted country/i.test(b.label))),
      'the next question after the resume',
    );
  });

  it('resumes after a dropped connection and replays what was sent meanwhile', async () => {
    const judy = person('Judy');
    const dm = h.dmChannel(judy);
    h.dm(judy, 'my account says region not supported');
    const question = await waitFor(() => h.posted(dm).find((m) => buttonsOf(m).length > 0), 'the first question');

    const resumes = h.fake.resumes;
    h.fake.dropConnection();
    // Sent while the bot is disconnected: Discord replays it after RESUME.
    h.dm(judy, 'it happens on every network, wifi and mobile data');
    await waitFor(() => h.fake.resumes === resumes + 1, 'the RESUME after the drop', 10_000);
    await waitFor(
      () => h.posted(dm, question.id).find((m) => buttonsOf(m).some((b) => /restricted country/i.test(b.label))),
      'the answer to the replayed message',
    );
  });

  it('identifies again after an invalid session, and the conversation continues from the store', async () => {
    const olga = person('Olga');
    const dm = h.dmChannel(olga);
    h.dm(olga, 'my account says region not supported');
    const question = await waitFor(() => h.posted(dm).find((m) => buttonsOf(m).some((b) => /every network/i.test(b.label))), 'the scope question');
    const identifies = h.fake.identifies;
    h.fake.invalidateSession();
    // discord.js spaces identifies 5 s apart, so a new session can take a few seconds.
    await waitFor(() => h.fake.identifies === identifies + 1 && h.fake.connected, 'the new IDENTIFY', 15_000);
    h.click(question, 'Every network', olga);
    await waitFor(
      () => h.posted(dm, question.id).find((m) => buttonsOf(m).some((b) => /restricted country/i.test(b.label))),
      'the next question in the new session',
    );
  }, 25_000);

  it('waits out a 429 with retry_after and then posts the reply', async () => {
    const ken = person('Ken');
    const dm = h.dmChannel(ken);
    h.fake.rateLimitOnce('POST', new RegExp(`^/channels/${dm}/messages$`), 0.5);
    h.dm(ken, 'are my funds safe?');
    const reply = await waitFor(() => h.posted(dm)[0], 'the reply after the rate limit', 10_000);
    expect(reply.content.length).toBeGreaterThan(0);
    const attempts = h.fake.calls('POST', new RegExp(`^/channels/${dm}/messages$`));
    expect(attempts.length).toBeGreaterThanOrEqual(2);
    expect(attempts[0].body.content).toBe(attempts[1].body.content);
    await waitFor(() => h.warnings(/rate limited/).length > 0, 'the rate-limit warning');
  });

  it('logs a warning, not a crash, when it may not open threads or post in a channel', async () => {
    const leo = person('Leo');
    const mention = h.guildMessage(leo, 'my account says region not supported', { channelId: LOCKED_CHANNEL_ID, mention: true });
    await waitFor(() => h.warnings(/cannot open a thread/).length > 0, 'the thread permission warning');
    await waitFor(() => h.warnings(/missing permissions/).length > 0, 'the posting permission warning');
    expect(h.fake.calls('POST', new RegExp(`^/channels/${LOCKED_CHANNEL_ID}/messages/${mention.id}/threads$`))).toHaveLength(1);
    expect(h.errors()).toEqual([]);
    // Still alive and answering elsewhere.
    const mia = person('Mia');
    h.dm(mia, 'hello');
    await waitFor(() => h.posted(h.dmChannel(mia))[0], 'a DM answered afterwards');
    expect(discordChannel().connected()).toBe(true);
  });

  it('drops malformed gateway events with a warning and keeps answering', async () => {
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    try {
      h.fake.dispatch('INTERACTION_CREATE', { id: '1100000000000008001', type: 2 });
      h.fake.dispatch('MESSAGE_CREATE', { id: '1100000000000008002', channel_id: '1100000000000008003' });
      h.fake.dispatch('INTERACTION_CREATE', {
        id: '1100000000000008004',
        type: 3,
        data: { custom_id: 'answer|scope:all', component_type: 2 },
        channel_id: '1',
        token: 't',
        application_id: '1',
      });
      await waitFor(() => h.warnings(/malformed gateway event/).length >= 2, 'the malformed-event warnings');
      const pia = person('Pia');
      h.dm(pia, 'hello');
      await waitFor(() => h.posted(h.dmChannel(pia))[0], 'a DM answered after the malformed events');
      expect(rejections).toEqual([]);
      expect(h.errors()).toEqual([]);
    } finally {
      process.off('unhandledRejection', onRejection);
    }
  });

  it('answers unknown or malformed buttons privately and keeps going', async () => {
    const nina = person('Nina');
    const dm = h.dmChannel(nina);
    h.dm(nina, 'my account says region not supported');
    const question = await waitFor(() => h.posted(dm).find((m) => buttonsOf(m).length > 0), 'a question');

    const unknown = h.clickCustomId(question, 'something-else', nina);
    const forged = h.clickCustomId(question, 'handoff-claim|not:a|conversation', nina);
    const emptyOption = h.clickCustomId(question, 'answer|', nina);
    for (const i of [unknown, forged]) {
      const answer = await h.callbackOf(i);
      expect(answer.type).toBe(4);
      expect(answer.data.flags & MessageFlags.Ephemeral).toBeTruthy();
    }
    await h.callbackOf(emptyOption);
    // A DM with nothing in it is not answered and breaks nothing.
    h.dm(nina, '');
    await settle(h);
    expect(h.errors()).toEqual([]);
    // The real buttons still work.
    h.click(question, 'Every network', nina);
    await waitFor(() => h.posted(dm, question.id).find((m) => buttonsOf(m).length > 0), 'the next question');
  });
});

describe('discord start-up', () => {
  it('stops start-up with a clear message when Discord rejects the token', async () => {
    const h = new DiscordHarness();
    try {
      await expect(h.start({ env: { DISCORD_TOKEN: 'not-the-right-token' } })).rejects.toThrow(/Discord rejected DISCORD_TOKEN/);
      expect(h.fake.calls('GET', /^\/gateway\/bot$/)[0].authorization).toBe('Bot not-the-right-token');
    } finally {
      await h.stop();
    }
  });
});
