/**
 * Whether a message is written in a language other than English, so that the buddy says it
 * reads English instead of pulling numbers out of words it does not understand. Two signals: most
 * letters outside the Latin script (Cyrillic, Greek, CJK, Arabic, ...), or several common
 * function words of Spanish, German, French, Portuguese or Italian making up a good share of the
 * words. Tickers, numbers and trading shorthand are Latin and English-neutral, so they never trip it.
 */
const FOREIGN_WORDS = new Set(
  [
    // Spanish
    'el',
    'los',
    'las',
    'que',
    'quiero',
    'comprar',
    'vender',
    'con',
    'para',
    'por',
    'una',
    'pero',
    'mi',
    'es',
    'del',
    'cuando',
    'deberia',
    'debería',
    'acciones',
    // German
    'und',
    'der',
    'die',
    'das',
    'ich',
    'ist',
    'nicht',
    'mit',
    'kaufen',
    'verkaufen',
    'soll',
    'sollte',
    'aktie',
    'wann',
    'wie',
    'mein',
    'bei',
    // French
    'les',
    'et',
    'je',
    'est',
    'pour',
    'avec',
    'acheter',
    'vendre',
    'des',
    'une',
    'mon',
    'dois',
    'quand',
    'pas',
    'sur',
    'le',
    // Portuguese and Italian
    'não',
    'nao',
    'uma',
    'você',
    'voce',
    'devo',
    'quando',
    'compro',
    'comprare',
    'vendere',
    'devo',
    'sono',
    'questo',
    'della',
    'perché',
  ].map((w) => w.normalize('NFC')),
);

export function looksNotEnglish(text: string): boolean {
  const letters = [...text.normalize('NFC')].filter((c) => /\p{L}/u.test(c));
  if (letters.length < 4) return false;
  const nonLatin = letters.filter((c) => !/\p{Script=Latin}/u.test(c)).length;
  if (nonLatin / letters.length > 0.5) return true;
  const words = text
    .toLowerCase()
    .normalize('NFC')
    .split(/[^\p{L}]+/u)
    .filter(Boolean);
  const foreign = words.filter((w) => FOREIGN_WORDS.has(w)).length;
  return foreign >= 2 && foreign / words.length >= 0.25;
}
