// The agent desk in Discord (HANDOFF_DESK=discord, Slack configured too): a web visitor and a Slack
// user handed off, cards in DISCORD_AGENT_CHANNEL_ID, agents writing in the cards' threads through the
// real discord.js client against the fake Discord, the words reaching the web socket and the Slack DM.
import { afterAll, describe, expect, it } from 'vitest';
import { useHarness } from '../helpers/suite-harness';
import { AGENT_CHANNEL_ID, DiscordHarness, buttonsOf, person, settle, textOf, waitFor } from '../discord/helpers';
import { FakeSlack, SIGNING_SECRET, BOT_TOKEN as SLACK_TOKEN, SlackHarness, textOf as slackText } from '../slack/helpers';
import { ChatSocket } from '../web/ws-client';
import { testEngine } from '../helpers/bot';

const slack = new FakeSlack();

describe('agent desk in Discord', () => {
  const h = useHarness(new DiscordHarness(), async (x) => {
    await slack.start();
    await x.start({
      env: {
        NEW_CONVERSATIONS_PER_MINUTE: '1000',
        HANDOFF_DESK: 'discord',
        SLACK_BOT_TOKEN: SLACK_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_AGENT_CHANNEL: 'C0UNUSED',
        SLACK_API_URL: slack.apiUrl,
      },
    });
  });
  const url = () => (h as unknown as { started: { raw: { url: string } } }).started.raw.url;
  const labels = (m: any) => buttonsOf(m).map((b) => b.label);

  it('serves a web visitor: card, agent reply, visitor reply, note, resolve', async () => {
    const agent = person('Agent Dee');
    const chat = await ChatSocket.open(url());
    try {
      await chat.say('vic', 'my region is not supported');
      const handed = await chat.say('vic', 'I want to talk to a real person please');
      expect(handed.text).toMatch(/next in the queue/);
      const card = await waitFor(() => h.posted(AGENT_CHANNEL_ID).find((m) => textOf(m).includes('Web chat') && labels(m).includes('Claim')), 'the card');
      expect(textOf(card)).toMatch(/real person please/);
      const thread = card.id;
      const threadCall = await waitFor(() => h.fake.calls('POST', new RegExp(`/messages/${card.id}/threads$`))[0], 'the card thread');
      // Named after the channel: a web visitor's id is their bearer token and is never shown to agents.
      expect(threadCall.body.name).toBe('Hand-off: Web chat');
      expect(JSON.stringify(h.fake.requests.map((r) => r.body))).not.toContain(chat.idOf('vic')!);
      await settle(h); // the card's place and thread are recorded once the thread exists

      // /regionlock question:status in the agents' channel lists it, privately.
      const status = h.slash(agent, 'regionlock', { question: 'status' }, { channelId: AGENT_CHANNEL_ID });
      const listed = await h.callbackOf(status, 'the status list');
      expect(listed.data.content).toMatch(/^Open hand-offs \(1\)\n• Web chat · not known https:\/\/discord\.com\/channels\/\d+\/\d+\/\d+: waiting/);
      expect(listed.data.flags & 64).toBeTruthy();

      // First reply (a mention in the card's thread) claims and reaches the socket under the agent's name.
      h.guildMessage(agent, 'Hello, Dee here. <b>not markup</b>', { channelId: thread, mention: true });
      const relayed = await chat.next((f) => f.type === 'message' && typeof f.agent === 'string', 'the agent message');
      expect(relayed.agent).toBe('Agent Dee (support team)');
      expect(relayed.text).toContain('Hello, Dee here.');
      await chat.next((f) => f.type === 'message' && /Agent Dee from the support team has joined/.test(f.text ?? ''), 'the joined notice');
      await waitFor(() => (labels(h.message(card.id)).includes('Release') ? 1 : 0), 'the claimed card');

      // A note stays in the thread.
      h.guildMessage(agent, '// asked for KYC docs', { channelId: thread, mention: true });
      // The visitor's reply reaches the thread; the bot stays quiet.
      const quiet = await chat.say('vic', 'ok, thank you');
      expect(quiet.silent).toBe(true);
      await waitFor(() => h.posted(thread).find((m) => m.content.includes('ok, thank you')), 'the visitor reply in the thread');
      await settle(h);
      expect(chat.frames.some((f) => /asked for KYC docs/.test(f.text ?? ''))).toBe(false);

      // Resolve: the visitor hears it and the bot answers again.
      h.click(h.message(card.id), 'Resolve', agent);
      const resolved = testEngine().message('agent_resolved').split('\n')[0]!.slice(0, 40);
      await chat.next((f) => f.type === 'message' && (f.text ?? '').includes(resolved), 'the resolved notice');
      const again = await chat.say('vic', 'are my funds safe?');
      expect(again.silent).toBeFalsy();
      expect(again.text).toBeTruthy();
    } finally {
      await chat.close();
    }
  });

  it('serves a Slack user from the Discord desk', async () => {
    const agent = person('Agent Eve');
    const s = new SlackHarness();
    (s as unknown as { fake: FakeSlack }).fake = slack;
    s.url = url();
    const channel = 'D0CROSS';
    await s.dm('I want to talk to a real person please', { user: 'U0CROSS', channel });
    const card = await waitFor(() => h.posted(AGENT_CHANNEL_ID).find((m) => /Channel\nSlack/.test(textOf(m)) && labels(m).includes('Claim')), 'the card');
    // The Slack user's display name (users.info), since Discord cannot show a Slack mention.
    expect(textOf(card)).toContain('Agent U0CROSS');
    await waitFor(() => h.fake.calls('POST', new RegExp(`/messages/${card.id}/threads$`))[0], 'the card thread');
    await settle(h);
    h.guildMessage(agent, 'Hi from Discord', { channelId: card.id, mention: true });
    const dm = await waitFor(() => s.posts({ channel }).find((c) => slackText(c).includes('Hi from Discord')), 'the agent words in the Slack DM');
    expect(slackText(dm)).toContain('*Agent Eve (support team)*');
    await s.dm('thanks', { user: 'U0CROSS', channel });
    await waitFor(() => h.posted(card.id).find((m) => m.content.includes('thanks')), 'the Slack reply in the Discord thread');
  });
});

// The fake Slack stops after the suite (the harness stops the bot first).
afterAll(async () => {
  await slack.stop();
});
