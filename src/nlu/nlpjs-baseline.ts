// The baseline `eval` and `npm run bench` compare against: NLP.js (@nlpjs/basic, a dev dependency), set up the way its documentation shows for an English intent bot,
// trained on our corpus. Nothing is written to disk and its logger stays quiet.
import type { IntentData } from './corpus';

interface NlpjsResult {
  intent: string;
  score: number;
}

interface NlpjsDomain {
  cache?: { results: Record<string, unknown> };
}

interface NlpjsNlp {
  nluManager: { domainManagers: Record<string, { domains: Record<string, NlpjsDomain> }> };
  addDocument(locale: string, utterance: string, intent: string): void;
  train(): Promise<unknown>;
  classify(locale: string, utterance: string): Promise<NlpjsResult>;
  process(locale: string, utterance: string): Promise<NlpjsResult>;
  settings: { threshold: number };
}

interface NlpjsBasic {
  containerBootstrap(settings: Record<string, unknown>, mustLoadEnv: boolean): { use(plugin: unknown): void };
  Nlp: new (settings: Record<string, unknown>, container: unknown) => NlpjsNlp;
  LangEn: unknown;
}

/** The baseline class, or null in a production install without dev dependencies. */
export function loadBaseline(): typeof NlpjsClassifier | null {
  try {
    require.resolve('@nlpjs/basic');
    return NlpjsClassifier;
  } catch {
    return null;
  }
}

function requireBasic(): NlpjsBasic {
  // @nlpjs/logger builds a pino logger with the deprecated prettyPrint option unless
  // NODE_ENV is production, which prints a warning; production mode keeps the run quiet.
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    return require('@nlpjs/basic') as NlpjsBasic;
  } finally {
    if (previous === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previous;
  }
}

/** How out-of-scope messages are handled on the NLP.js side. */
export type OutOfScopeMode =
  /** out_of_scope utterances are trained as an intent, and 'None' (below threshold) also means out_of_scope. */
  | 'trained_and_none'
  /** Only 'None' means out_of_scope; the out_of_scope utterances are left out of training. */
  | 'none_only';

export const OOS = 'out_of_scope';

export class NlpjsClassifier {
  private constructor(
    private readonly nlp: NlpjsNlp,
    readonly mode: OutOfScopeMode,
    readonly trainMs: number,
  ) {}

  static async train(corpus: IntentData[], mode: OutOfScopeMode): Promise<NlpjsClassifier> {
    const { containerBootstrap, Nlp, LangEn } = requireBasic();
    const started = performance.now();
    // loadEnv off: NLP.js would otherwise read a .env from the working directory.
    const container = containerBootstrap({ loadEnv: false }, false);
    container.use(LangEn);
    const nlp = new Nlp({ languages: ['en'], autoSave: false, autoLoad: false, calculateSentiment: false, nlu: { log: false } }, container);
    for (const intent of corpus) {
      if (intent.intent === OOS && mode === 'none_only') continue;
      for (const utterance of intent.utterances) nlp.addDocument('en', utterance, intent.intent);
    }
    await nlp.train();
    return new NlpjsClassifier(nlp, mode, performance.now() - started);
  }

  get threshold(): number {
    return this.nlp.settings.threshold;
  }

  /**
   * The intent for one message. nlp.classify is NLP.js's classification step alone (what
   * nlp.process runs before its NER/answer stages); the threshold is applied as nlp.process does.
   */
  async classify(text: string): Promise<string> {
    const r = await this.nlp.classify('en', text);
    return this.decide(r);
  }

  /**
   * NLP.js keeps the tokens of every utterance it has seen (for an hour); a benchmark that repeats
   * its inputs would then time cache hits. Emptying it makes each call see its message for the first time.
   */
  forgetSeenMessages(): void {
    let found = 0;
    for (const manager of Object.values(this.nlp.nluManager.domainManagers)) {
      for (const domain of Object.values(manager.domains)) {
        if (domain.cache) {
          domain.cache.results = {};
          found++;
        }
      }
    }
    if (!found) throw new Error('NLP.js internals changed: no utterance cache found to empty');
  }

  /** The full nlp.process call a bot built on NLP.js makes (context, NER, answers). */
  async process(text: string): Promise<string> {
    return this.decide(await this.nlp.process('en', text));
  }

  private decide(r: NlpjsResult): string {
    if (r.intent === 'None' || r.score < this.nlp.settings.threshold) return OOS;
    return r.intent;
  }
}
