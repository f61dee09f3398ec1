// Clarifying-question options as buttons (5 per row, 5 rows at most), and the same rows after a
// click: every button disabled, the chosen one green, so an old question cannot be answered twice.
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  type TopLevelComponent,
} from 'discord.js';
import type { AnswerOption } from '../../../src/engine/types';
import { truncate } from './split';

export const ANSWER_PREFIX = 'answer|';
const CUSTOM_ID_MAX = 100;
const LABEL_MAX = 80;
const BUTTONS_PER_ROW = 5;
const ROWS_MAX = 5;

export function answerCustomId(optionId: string): string {
  return `${ANSWER_PREFIX}${optionId}`.slice(0, CUSTOM_ID_MAX);
}

export function optionIdOf(customId: string): string | null {
  return customId.startsWith(ANSWER_PREFIX) && customId.length > ANSWER_PREFIX.length ? customId.slice(ANSWER_PREFIX.length) : null;
}

export function answerRows(options: AnswerOption[]): ActionRowBuilder<ButtonBuilder>[] {
  const seen = new Set<string>();
  const unique = options.filter((o) => o.id && !seen.has(answerCustomId(o.id)) && seen.add(answerCustomId(o.id)));
  const rows: ActionRowBuilder<ButtonBuilder>[] = [];
  for (let i = 0; i < unique.length && rows.length < ROWS_MAX; i += BUTTONS_PER_ROW) {
    rows.push(
      new ActionRowBuilder<ButtonBuilder>().addComponents(
        unique.slice(i, i + BUTTONS_PER_ROW).map((o) =>
          new ButtonBuilder()
            .setCustomId(answerCustomId(o.id))
            .setLabel(truncate(o.label.trim() || o.id, LABEL_MAX))
            .setStyle(ButtonStyle.Secondary),
        ),
      ),
    );
  }
  return rows;
}

type Row = APIActionRowComponent<APIComponentInMessageActionRow>;

/** The message's button rows with every button disabled and the clicked one highlighted. */
export function answeredRows(components: readonly TopLevelComponent[] | undefined, chosenCustomId: string): Row[] {
  const rows: Row[] = [];
  for (const row of components ?? []) {
    const json = (row as { toJSON?: () => unknown }).toJSON?.() as Row | undefined;
    if (!json || json.type !== ComponentType.ActionRow) continue;
    rows.push({
      ...json,
      components: json.components.map((c) => {
        if (c.type !== ComponentType.Button) return c;
        if (c.style === ButtonStyle.Link || c.style === ButtonStyle.Premium) return c;
        const chosen = c.custom_id === chosenCustomId;
        return { ...c, disabled: true, ...(chosen ? { style: ButtonStyle.Success, emoji: { name: '✅' } } : {}) };
      }),
    });
  }
  return rows;
}
