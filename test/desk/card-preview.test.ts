// The README's "Agent desk" preview is the real Slack card builder's output for a sample hand-off:
// docs/desk-card.blocks.json (paste it into Slack's Block Kit Builder) and the Markdown rendering in
// the README. This test fails when either drifts from the builder; UPDATE_DOCS=1 rewrites both.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/paths';
import { loadDeskTexts } from '../../src/desk/texts';
import type { HandoffRecord } from '../../src/desk/types';
import { renderDeskCard, slackCardFormatting } from '../../adapters/slack/render/desk-card';
import { testEngine } from '../helpers/bot';

const JSON_FILE = join(PACKAGE_ROOT, 'docs', 'desk-card.blocks.json');
const README = join(PACKAGE_ROOT, 'README.md');
const START = '<!-- desk-card-preview -->';
const END = '<!-- /desk-card-preview -->';

const sample: HandoffRecord = {
  id: 'h3xAmpl3Id',
  ref: { channel: 'web', conversationId: 'v1.sample', userId: 'v1.sample' },
  status: 'waiting',
  language: 'en',
  reason: 'user_request',
  createdAt: Date.parse('2026-12-01T09:30:00Z'),
  likelyCause: 'kyc_region',
  causeConfidence: 0.86,
  evidence: ['my KYC says mainland China'],
  facts: ['It shows on every network', 'KYC residence: a country the exchange does not serve'],
  missing: [],
  transcript: [
    'my account says region not supported',
    'my KYC says mainland China',
    'password is [redacted password]',
    'I want to talk to a real person please',
  ],
  secretShared: true,
  outsideHours: false,
};

/** Block Kit as Markdown: header, fields, sections, context lines and the controls. */
function toMarkdown(blocks: any[]): string {
  const out: string[] = [];
  const md = (s: string) =>
    s
      .replace(/<!date\^\d+\^\{ago\}\|([^>]+)>/g, '$1 (shown as "5 minutes ago")')
      .replace(/\*([^*\n]+)\*/g, '**$1**')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  for (const b of blocks) {
    if (b.type === 'header') out.push(`> ### ${b.text.text}`);
    else if (b.type === 'section' && b.fields) out.push(`> ${b.fields.map((f: any) => md(f.text).replace('\n', ': ')).join(' · ')}`);
    else if (b.type === 'section')
      out.push(
        ...md(b.text.text)
          .split('\n')
          .map((l) => `> ${l}`),
      );
    else if (b.type === 'context') out.push(`> <sub>${md(b.elements[0].text)}</sub>`);
    else if (b.type === 'actions')
      out.push(`> ${b.elements.map((e: any) => (e.type === 'button' ? `\`[ ${e.text.text} ]\`` : `\`[ ${e.placeholder.text} ▾ ]\``)).join(' ')}`);
    out.push('>');
  }
  return out.slice(0, -1).join('\n');
}

describe('agent desk card preview in the README', () => {
  const engine = testEngine();
  const card = renderDeskCard(
    loadDeskTexts(),
    sample,
    slackCardFormatting((c) => engine.causeTitle(c), 15 * 60_000, null),
  );
  const json = `${JSON.stringify({ blocks: card.blocks }, null, 2)}\n`;
  const preview = `${START}\n${toMarkdown(card.blocks as any[])}\n${END}`;

  it('docs/desk-card.blocks.json and the README preview are the builder output', () => {
    if (process.env.UPDATE_DOCS) {
      writeFileSync(JSON_FILE, json);
      const readme = readFileSync(README, 'utf8');
      writeFileSync(README, readme.replace(new RegExp(`${START}[\\s\\S]*?${END}`), preview));
    }
    expect(readFileSync(JSON_FILE, 'utf8')).toBe(json);
    expect(readFileSync(README, 'utf8')).toContain(preview);
    // What the card must show.
    expect(preview).toMatch(/Web chat/);
    expect(preview).toMatch(/shared a secret/);
    expect(preview).toMatch(/redacted password/);
    expect(preview).toMatch(/\[ Claim \]/);
    expect(preview).toMatch(/Send macro/);
  });
});
