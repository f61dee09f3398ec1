// Message shortcut "Triage ticket": reads any message as a customer ticket and shows the triage
// card to the agent who used it (ephemeral in the channel, or a DM when that is not possible).
import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps';
import { sendPrivately } from '../../conversation';
import { renderTriageCard } from '../../render/triage-card';
import { deskTextsFor } from '../../../../src/desk/texts';
import { sections } from '../../render/blocks';
import { slackToPlain } from '../../render/mrkdwn';
import { guarded } from '../../errors';

export const TRIAGE_SHORTCUT = 'triage_ticket';

interface RichMessage {
  text?: string;
  attachments?: { text?: string; fallback?: string; pretext?: string }[];
  files?: { name?: string; title?: string }[];
}

/** The readable text of a message, including attachment text (forwarded e-mails, bot posts). */
export function messageText(message: RichMessage): string {
  const parts = [message.text ?? ''];
  for (const a of message.attachments ?? []) parts.push(a.pretext ?? '', a.text ?? a.fallback ?? '');
  return parts
    .map((p) => p.trim())
    .filter(Boolean)
    .join('\n\n');
}

export const triageTicket =
  (deps: SlackDeps) =>
  async ({ ack, shortcut, respond, client, context }: AllMiddlewareArgs & SlackShortcutMiddlewareArgs<MessageShortcut>): Promise<void> => {
    await ack();
    await guarded(deps.logger, 'triage shortcut', async () => {
      const ticket = slackToPlain(messageText(shortcut.message as RichMessage), context.botUserId);
      const target = { respond, client, channel: shortcut.channel?.id, user: shortcut.user.id };
      if (!ticket) {
        const text = deskTextsFor(deps.service.agentLanguage).triage.no_text;
        await sendPrivately(deps, target, [{ text, blocks: sections(text) }]);
        return;
      }
      const result = deps.service.triage(ticket);
      deps.logger.info({ user: shortcut.user.id, causes: result.causes.map((c) => c.cause) }, 'slack: message triaged');
      await sendPrivately(deps, target, [renderTriageCard(result, deskTextsFor(deps.service.agentLanguage))]);
    });
  };
