// Notices an upset customer (shouting, swearing, "scam") so replies and agents can respond with care.
const ANGRY_WORDS =
  /\b(?:wtf|scam+(?:mers?)?|fraud|thie(?:f|ves)|steal(?:ing)?|stole|ridiculous|useless|worst|terrible|pathetic|disgusting|furious|angry|pissed|fuck\w*|shit\w*|damn|bullshit|unacceptable|lawyer|sue you|joke of a)\b/i;

export function isAngry(text: string): boolean {
  const sample = text.slice(0, 2000);
  if (ANGRY_WORDS.test(sample)) return true;
  if (/[!?]{3,}/.test(sample)) return true;
  const letters = sample.replace(/[^A-Za-z]/g, '');
  const upper = sample.replace(/[^A-Z]/g, '');
  return letters.length >= 12 && upper.length / letters.length > 0.7;
}
