// Dialogue stories as data (fixtures/stories/*.yaml), like Rasa test stories: each story is one
// fresh conversation with expectations per turn. Loaded with zod; run through the engine.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { CAUSES, INTENTS } from '../shared/types';
import type { Engine } from '../engine/api';
import type { ConversationState } from '../engine/state';
import { readYaml } from '../shared/yaml-file';
import { FIXTURES_DIR } from '../paths';
import { detectLanguage } from '../language/detect';

const expectSchema = z
  .object({
    intent: z.enum(INTENTS).optional(),
    state: z.string().optional(),
    cause: z.enum(CAUSES).nullable().optional(),
    reply_contains: z.array(z.string()).default([]),
    reply_not_contains: z.array(z.string()).default([]),
  })
  .strict();

const storySchema = z
  .object({
    id: z.string().min(1),
    description: z.string().optional(),
    /** At most this many turns may end in a clarifying question. */
    max_questions: z.number().int().nonnegative().optional(),
    /** Every reply must be in this language (a code of intents/languages.yaml). */
    language: z
      .string()
      .regex(/^[a-z]{2,3}$/)
      .optional(),
    turns: z.array(z.object({ user: z.string(), option: z.string().optional(), expect: expectSchema.optional() }).strict()).min(1),
  })
  .strict();

const fileSchema = z.object({ stories: z.array(storySchema).min(1) }).strict();

export type Story = z.infer<typeof storySchema> & { file: string };

export const STORIES_DIR = join(FIXTURES_DIR, 'stories');

export function storyFiles(dir = STORIES_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => join(dir, f));
}

export function loadStories(files: string[] = storyFiles()): Story[] {
  return files.flatMap((file) => readYaml(file, fileSchema).stories.map((s) => ({ ...s, file })));
}

export interface StoryResult {
  story: Story;
  passed: boolean;
  /** Clarifying questions before the first diagnosis; null when the story never reaches one. */
  questionsBeforeDiagnosis: number | null;
  /** Messages with two or more FAQ questions, and how many of them got every answer. */
  multiQuestion: { messages: number; fullyAnswered: number };
  /** The first unmet expectation, e.g. "turn 2: state ask_scope, expected diagnosed". */
  failure: string | null;
}

/** Plays one story from a fresh state (turns a second apart, so idle expiry never interferes). */
export function runStory(engine: Engine, story: Story, start = 1_700_000_000_000, answers?: AnswerCheck): StoryResult {
  let state: ConversationState | undefined;
  let questions = 0;
  let beforeDiagnosis: number | null = null;
  const multiQuestion = { messages: 0, fullyAnswered: 0 };
  const fail = (failure: string): StoryResult => ({ story, passed: false, failure, questionsBeforeDiagnosis: beforeDiagnosis, multiQuestion });
  for (const [i, turn] of story.turns.entries()) {
    const input = turn.option ? { text: turn.user, optionId: turn.option } : { text: turn.user };
    const result = engine.step(state, input, start + i * 1000);
    state = result.state;
    const t = result.turn;
    if (t.state.startsWith('ask_')) questions++;
    if (t.cause !== null && beforeDiagnosis === null) beforeDiagnosis = questions;
    const check = answers?.(turn.user, t.reply);
    if (check && check.asked >= 2) {
      multiQuestion.messages++;
      if (check.answered === check.asked) multiQuestion.fullyAnswered++;
    }
    const e = turn.expect;
    const at = `turn ${i + 1} (${JSON.stringify(turn.user.slice(0, 40))})`;
    if (story.language) {
      // The turn says so, and the reply reads so (a reply in English would detect as English).
      if (t.language !== story.language) return fail(`${at}: replied in ${t.language}, expected ${story.language}`);
      const written = detectLanguage(t.reply).language;
      if (written !== story.language) return fail(`${at}: the reply reads as ${written}, expected ${story.language}`);
    }
    if (!e) continue;
    if (e.intent !== undefined && t.intent !== e.intent) return fail(`${at}: intent ${t.intent}, expected ${e.intent}`);
    if (e.state !== undefined && t.state !== e.state) return fail(`${at}: state ${t.state}, expected ${e.state}`);
    if (e.cause !== undefined && t.cause !== e.cause) return fail(`${at}: cause ${t.cause}, expected ${e.cause}`);
    const reply = t.reply.toLowerCase();
    for (const s of e.reply_contains) if (!reply.includes(s.toLowerCase())) return fail(`${at}: reply lacks ${JSON.stringify(s)}`);
    for (const s of e.reply_not_contains) if (reply.includes(s.toLowerCase())) return fail(`${at}: reply contains ${JSON.stringify(s)}`);
  }
  if (story.max_questions !== undefined && questions > story.max_questions) return fail(`${questions} questions, at most ${story.max_questions} expected`);
  return { story, passed: true, failure: null, questionsBeforeDiagnosis: beforeDiagnosis, multiQuestion };
}

/** For a message and its reply: how many FAQ questions it asks and how many the reply answers. */
export type AnswerCheck = (text: string, reply: string) => { asked: number; answered: number };

/** The figures the README quotes: median questions before a diagnosis, multi-question messages fully answered. */
export function storyFigures(results: StoryResult[]): { median: number | null; diagnosed: number; multi: { messages: number; fullyAnswered: number } } {
  const counts = results
    .map((r) => r.questionsBeforeDiagnosis)
    .filter((n): n is number => n !== null)
    .sort((a, b) => a - b);
  const mid = counts.length >> 1;
  const median = counts.length === 0 ? null : counts.length % 2 ? counts[mid]! : (counts[mid - 1]! + counts[mid]!) / 2;
  const multi = results.reduce(
    (m, r) => ({ messages: m.messages + r.multiQuestion.messages, fullyAnswered: m.fullyAnswered + r.multiQuestion.fullyAnswered }),
    { messages: 0, fullyAnswered: 0 },
  );
  return { median, diagnosed: counts.length, multi };
}

/** The pass/fail table `test-stories` prints. */
export function storyTable(results: StoryResult[]): string {
  const rows = results.map((r) => [r.passed ? 'pass' : 'FAIL', r.story.id, String(r.story.turns.length), r.failure ?? '']);
  const widths = [4, Math.max(5, ...rows.map((r) => r[1]!.length)), 5];
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i < 3 ? c.padEnd(widths[i]!) : c))
      .join('  ')
      .trimEnd();
  const passed = results.filter((r) => r.passed).length;
  const f = storyFigures(results);
  const share = f.multi.messages ? `${f.multi.fullyAnswered}/${f.multi.messages} (${Math.round((100 * f.multi.fullyAnswered) / f.multi.messages)}%)` : 'none';
  return [
    line(['', 'story', 'turns', 'problem']),
    ...rows.map(line),
    '',
    `${passed}/${results.length} stories passed`,
    `median questions before a diagnosis: ${f.median ?? '-'} (${f.diagnosed} stories reach one)`,
    `messages with several questions fully answered: ${share}`,
  ].join('\n');
}
