const SMALL: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
};

/** Units after which a spelled-out number is a quantity ("two ATR", "half a percent", "three R"). */
const UNIT = String.raw`(?=\s*(?:%|percent\b|pct\b|atrs?\b|r\b|x\b|times\b|to\s+1\b|shares\b|bars\b|days\b|weeks\b|points\b))`;

const FRACTIONS: [RegExp, string][] = [
  [/\bhalf\s+(?:a|of\s+a|an)?\s*(%|percent\b|pct\b)/gi, '0.5%'],
  [/\b(?:a\s+)?quarter\s+(?:of\s+)?(?:a\s+)?(%|percent\b|pct\b)/gi, '0.25%'],
  [/\bthree\s+quarters?\s+(?:of\s+)?(?:a\s+)?(%|percent\b|pct\b)/gi, '0.75%'],
  [/\bhalf\s+(?:an?\s+)?(atrs?\b)/gi, '0.5 atr'],
];

/**
 * Spelled-out quantities as digits, only before a unit so ordinary words survive: "half a
 * percent" -> "0.5%", "one and a half ATR" -> "1.5 ATR", "three R" -> "3 R", "3 to 1" -> "3:1".
 */
export function digitsForNumberWords(text: string): string {
  let out = text;
  out = out.replace(
    new RegExp(
      String.raw`\b(one|two|three|four|five|six|seven|eight|nine|ten)(\s+and\s+a\s+half)?\b${UNIT}`,
      'gi',
    ),
    (_m, word: string, half?: string) => {
      const value = (SMALL[word.toLowerCase()] ?? 0) + (half ? 0.5 : 0);
      return String(value);
    },
  );
  for (const [pattern, replacement] of FRACTIONS) out = out.replace(pattern, replacement);
  return out.replace(/\b(\d+(?:\.\d+)?)\s+to\s+1\b/gi, '$1:1');
}
