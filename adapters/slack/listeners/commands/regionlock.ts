// `/regionlock <question>` answers privately; `/regionlock triage <ticket text>` returns the triage card.
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps';
import { sendPrivately } from '../../conversation';
import { context, renderReply, sections, type SlackMessage } from '../../render/blocks';
import { slackToPlain } from '../../render/mrkdwn';
import { renderTriageCard } from '../../render/triage-card';
import { deskTextsFor } from '../../../../src/desk/texts';
import { guarded } from '../../errors';
import { escapeSlack } from '../../render/mrkdwn';
import { channelLabel } from '../../../shared/desk-card';

/** A link Slack opens at the card (archives/<channel>/p<ts without the dot>). */
const cardLink = (channel: string, ts: string) => `https://slack.com/archives/${channel}/p${ts.replace('.', '')}`;

export const COMMAND = '/regionlock';

export function helpMessage(command = COMMAND): SlackMessage {
  const text = [
    `*How to use* \`${command}\``,
    `• \`${command} <question>\`: a private answer, e.g. \`${command} can I still withdraw my coins?\``,
    `• \`${command} status\`: open hand-offs at the agent desk (waiting time, who holds them, channel)`,
    `• \`${command} triage <ticket text>\`: paste a customer ticket and get the likely causes, the facts still missing and a reply you can send`,
    '• The *Triage ticket* entry in any message\'s "More actions" menu does the same for that message.',
  ].join('\n');
  return { text, blocks: sections(text) };
}

export function parseCommand(raw: string): { kind: 'help' } | { kind: 'status' } | { kind: 'triage'; ticket: string } | { kind: 'ask'; question: string } {
  const text = raw.trim();
  if (!text || /^(help|\?)$/i.test(text)) return { kind: 'help' };
  if (/^status$/i.test(text)) return { kind: 'status' };
  const triage = /^triage\b[:\s]*([\s\S]*)$/i.exec(text);
  if (triage) {
    const ticket = triage[1].trim();
    return ticket ? { kind: 'triage', ticket } : { kind: 'help' };
  }
  return { kind: 'ask', question: text };
}

export const regionlockCommand =
  (deps: SlackDeps) =>
  async ({ ack, command, respond, client, context: ctx }: AllMiddlewareArgs & SlackCommandMiddlewareArgs): Promise<void> => {
    await ack();
    await guarded(deps.logger, 'slash command', async () => {
      const parsed = parseCommand(slackToPlain(command.text ?? '', ctx.botUserId));
      let messages: SlackMessage[];
      if (parsed.kind === 'help') {
        messages = [helpMessage(command.command || COMMAND)];
      } else if (parsed.kind === 'status') {
        const desk = deps.desk;
        const text = desk
          ? await desk.statusLines((r) => {
              const who = r.ref.channel === 'slack' ? `<@${r.ref.userId}>` : escapeSlack(r.userName ?? desk.texts.card_user_unknown);
              const link = r.card ? ` <${cardLink(r.card.channel, r.card.message)}|card>` : '';
              return `${channelLabel(desk.texts, r)} · ${who}${link}`;
            })
          : deskTextsFor(deps.service.agentLanguage).no_desk;
        messages = [{ text, blocks: sections(text) }];
      } else if (parsed.kind === 'triage') {
        const started = Date.now();
        const result = deps.service.triage(parsed.ticket);
        deps.logger.info({ user: command.user_id, causes: result.causes.map((c) => c.cause), ms: Date.now() - started }, 'slack: ticket triaged');
        messages = [renderTriageCard(result, deskTextsFor(deps.service.agentLanguage))];
      } else {
        const turn = deps.service.answerOnce(parsed.question);
        if (turn.silent) return;
        // The private answer has no conversation behind it, so it carries no buttons.
        messages = renderReply(turn.reply, [], '');
        const last = messages[messages.length - 1];
        if (last && turn.options.length && last.blocks.length < 50) {
          last.blocks.push(context('To go through the full check step by step, send me a direct message.'));
        }
      }
      await sendPrivately(deps, { respond, client, channel: command.channel_id, user: command.user_id }, messages);
    });
  };
