// @mentions in channels: answered in a thread; follow-ups in the thread continue the conversation.
import { describe, expect, it } from 'vitest';
import { useHarness } from '../helpers/suite-harness';
import { SlackHarness, buttonsOf, settle, textOf, waitFor } from './helpers';
import { testEngine } from '../helpers/bot';
import { toMrkdwn } from '../../adapters/slack/render/mrkdwn';

describe('slack mentions and threads', () => {
  const h = useHarness(new SlackHarness());

  it('answers a mention in a thread and continues the conversation from thread replies', async () => {
    const channel = 'C0PUBLIC';
    const mention = await h.mention('my account says region not supported', { user: 'U0BOB', channel });
    expect(mention.status).toBe(200);
    const first = await waitFor(() => h.posts({ channel, threadTs: mention.ts })[0], 'the threaded reply');
    expect(first.params.thread_ts).toBe(mention.ts);
    expect(buttonsOf(first).map((b) => b.label)).toContain('Every network');
    // The buttons know which conversation they belong to.
    expect(buttonsOf(first)[0].block_id).toContain(`T0FAKE:${channel}:${mention.ts}`);

    // Follow-up without a mention, in the thread: same conversation (the next question is about KYC).
    await h.threadMessage('every network, at home and on mobile data', mention.ts, { user: 'U0BOB', channel });
    const second = await waitFor(() => h.posts({ channel, threadTs: mention.ts })[1], 'the follow-up answer');
    expect(buttonsOf(second).some((b) => /restricted country/i.test(b.label))).toBe(true);

    // A button click in the thread continues it as well, and replies stay in the thread.
    await h.click(second, /restricted country/i, { user: 'U0BOB' });
    const third = await waitFor(() => h.posts({ channel, threadTs: mention.ts })[2], 'the reply after the click');
    expect(third.params.thread_ts).toBe(mention.ts);
    expect(textOf(third)).toContain(toMrkdwn(testEngine().knowledge.causes.kyc_region.title));
    expect(h.posts({ channel }).every((c) => c.params.thread_ts === mention.ts)).toBe(true);
  });

  it('a mention inside the thread is answered once (app_mention and message both arrive)', async () => {
    const channel = 'C0TEAM';
    const mention = await h.mention('hello', { user: 'U0ERIN', channel });
    await waitFor(() => h.posts({ channel, threadTs: mention.ts })[0], 'the first reply');
    const text = '<@U0BOT> are my funds safe?';
    const ts = h.nextTs();
    await Promise.all([
      h.sendEvent({ type: 'app_mention', channel, user: 'U0ERIN', text, ts, thread_ts: mention.ts }),
      h.sendEvent({ type: 'message', channel, channel_type: 'channel', user: 'U0ERIN', text, ts, thread_ts: mention.ts }),
    ]);
    await waitFor(() => h.posts({ channel, threadTs: mention.ts })[1], 'the answer');
    await settle(h);
    expect(h.posts({ channel, threadTs: mention.ts })).toHaveLength(2);
  });

  it('stays out of threads and channel messages it was not asked into', async () => {
    await h.threadMessage('region not supported', '1600000000.000100', { user: 'U0FRANK', channel: 'C0OTHER' });
    await h.sendEvent({ type: 'message', channel: 'C0OTHER', channel_type: 'channel', user: 'U0FRANK', text: 'region not supported', ts: h.nextTs() });
    await settle(h);
    expect(h.posts({ channel: 'C0OTHER' })).toHaveLength(0);
  });
});
