// natural's submodules have no typings of their own; importing them directly avoids loading
// all of natural (~0.75 s), so we describe the few parts we use.
declare module 'natural/lib/natural/tokenizers/regexp_tokenizer' {
  export class WordPunctTokenizer {
    tokenize(text: string): string[];
  }
  export class RegexpTokenizer {
    constructor(options: { pattern: RegExp; gaps?: boolean });
    tokenize(text: string): string[];
  }
}
declare module 'natural/lib/natural/stemmers/porter_stemmer' {
  const PorterStemmer: { stem(token: string): string };
  export = PorterStemmer;
}
declare module 'natural/lib/natural/distance/levenshtein_distance' {
  export function DamerauLevenshteinDistance(source: string, target: string, options?: { transposition_cost?: number }): number;
}
declare module 'natural/lib/natural/classifiers/bayes_classifier' {
  interface ApparatusBayes {
    classFeatures: Record<string, Record<number, number>>;
    classTotals: Record<string, number>;
    totalExamples: number;
    smoothing: number;
    addExample(observation: Record<string, number> | number[], label: string): void;
    train(): void;
  }
  class BayesClassifier {
    constructor(stemmer?: unknown, smoothing?: number);
    classifier: ApparatusBayes;
    static restore(data: unknown, stemmer?: unknown): BayesClassifier;
  }
  export = BayesClassifier;
}
