// The form the claiming agent writes a reply to the customer in (the card's Reply button).
import { LabelBuilder, ModalBuilder, TextInputBuilder, TextInputStyle } from 'discord.js';

export const REPLY_INPUT = 'reply';
const REPLY_MAX = 1800;

export function agentReplyModal(customId: string): ModalBuilder {
  return new ModalBuilder()
    .setCustomId(customId)
    .setTitle('Reply to the customer')
    .addLabelComponents(
      new LabelBuilder()
        .setLabel('Your message')
        .setDescription('Sent to the customer under your name. Start with note: to keep it internal.')
        .setTextInputComponent(new TextInputBuilder().setCustomId(REPLY_INPUT).setStyle(TextInputStyle.Paragraph).setRequired(true).setMaxLength(REPLY_MAX)),
    );
}
