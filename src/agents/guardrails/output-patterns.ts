/**
 * What an answer may not say (DESIGN.md: no price targets or forecasts, no guarantees, no
 * personal "you should buy/sell"). Patterns run per sentence on the canonical text. Negated
 * uses ("no trade is guaranteed", "it does not predict prices") are allowed: see NEGATION.
 */
export interface OutputRule {
  id: 'forecast' | 'price-target' | 'guarantee' | 'personal-advice';
  patterns: readonly RegExp[];
  /** When true, a match preceded closely by a negation is not a finding. */
  negatable: boolean;
}

const MOVE =
  '(?:reach|hit|touch|test|rise|climb|rally|surge|soar|jump|go (?:up|down|higher|lower)|move (?:up|down|higher|lower)|fall|drop|decline|sink|crash|plunge|tank|collapse|break (?:out|down|above|below|through)|double|triple|moon|explode|skyrocket|rocket|recover|rebound|bounce|top out|bottom out|outperform|underperform|gain|lose value|\\d+x)';
const FUTURE =
  '(?:tomorrow|tonight|next (?:week|month|quarter|year|session|day|monday|tuesday|wednesday|thursday|friday)|by (?:the )?(?:end of|year[- ]end|close|friday|monday|tomorrow|next|earnings|expiry|christmas|summer|spring|q[1-4])|before (?:the )?(?:year[- ]end|end of|close|earnings|expiry|the fed)|this (?:week|month|quarter|year)|within (?:days|weeks|months|a (?:week|month|year))|in (?:the )?coming (?:days|weeks|months)|soon|shortly|after earnings|post[- ]earnings)';
const MOVE_WORD =
  '(?:hits?|reach(?:es)?|tags?|touch(?:es)?|tests?|pops?|jumps?|gains?|rall(?:y|ies)|rises?|climbs?|drops?|falls?|crash(?:es)?|surges?|soars?|go(?:es)? (?:up|down)|moves?|trades? (?:at|above|below|near)|closes? (?:at|above|below)|be (?:at|around|near|above|below)|runs?|rips?|tanks?|sinks?|explodes?|doubles?|triples?|\\d+x)';
const SUBJECT =
  '(?:it|price|prices|the price|the stock|stocks|shares|the shares|the index|the market|markets|this|that|[a-z]{1,5})';

export const OUTPUT_RULES: readonly OutputRule[] = [
  {
    id: 'forecast',
    negatable: true,
    patterns: [
      new RegExp(
        `\\b(?:will|won't|gonna|is going to|are going to|'s going to|is set to|is about to|is poised to|is likely to|is expected to|are expected to|is bound to)\\s+(?:likely\\s+|definitely\\s+|surely\\s+|probably\\s+|easily\\s+|soon\\s+|quickly\\s+|eventually\\s+|then\\s+)?${MOVE}\\b`,
      ),
      new RegExp(`\\b${SUBJECT}\\s+should\\s+(?:easily\\s+|soon\\s+)?${MOVE}\\b`),
      /\b(?:will|is going to|gonna|should|could easily|might well)\s+(?:\w+ly\s+)?(?:be|trade|close|end|finish|sit|settle|land|hover|print) (?:at|around|near|above|below|over|under|between|about|somewhere)\s*(?:near\s+|around\s+)?\$?\d/,
      // A move and a date in one sentence, either order: "SPX tags 5,000 before year end".
      new RegExp(`(?<=\\b${FUTURE}\\b.*)\\b${MOVE_WORD}\\b|\\b${MOVE_WORD}\\b(?=.*\\b${FUTURE}\\b)`),
      new RegExp(
        `\\b(?:primed|poised|set|ready|due|likely|expected|about|bound|destined|headed|heading|on track|on course) (?:to|for) (?:an? )?${MOVE}`,
      ),
      /\bcan only (?:go|move|head|rise|climb|fall|drop)\b|\bonly (?:way|direction) (?:is|it can go is) (?:up|down)\b|\bnowhere to go but (?:up|down)\b|\b(?:has|have) to (?:go up|rise|rally|bounce|recover)\b/,
      /\b(?:gearing up|setting up|lining up|getting ready|teed up) for (?:a|an|the)?\s*(?:big\s+|huge\s+|massive\s+)?(?:run|move|rally|breakout|squeeze|pop|leg|push|rip|drop|breakdown|sell-?off)\b/,
      /\b(?:run|rally|push|squeeze|leg|breakout|pop|rip) (?:to|toward|towards|into|past)\s*(?:the\s+)?\$?\d/,
      /\bnext (?:stop|leg (?:up|down)|destination|station)\b/,
      /\b(?:will|should|could|to|gonna) (?:see|visit|tag|print)\s*\$?\d/,
      /\b(?:it'?s|it is|price is|the stock is|the market is|this is|[a-z]{1,5} is) (?:going|headed|heading) (?:higher|lower|up|down)\b/,
      /\bexpect(?:s|ed|ing)? (?:a|an|the|another)?\s*(?:\d+(?:\.\d+)?\s?%|big|huge|sharp|strong|nice|quick)\s*(?:pop|jump|gain|rise|drop|fall|move|rally|upside|downside|return|run|squeeze|bounce|rebound|breakout|sell-?off)\b/,
      /\b(?:going|headed|heading|on (?:its|the) way|poised|set) (?:to|for|towards?)\s*\$?\d/,
      /\b(?:will|gonna|is going to|should) (?:go|get|run|climb|rise|fall|drop|move|trade) (?:to|toward|towards|past|above|below|over|under)\s*\$?\d/,
      /\b(?:i|we) (?:predict|forecast|expect|project|anticipate|foresee|bet|reckon)\b/,
      /\bmy (?:prediction|forecast|projection|call|outlook|expectation)\b/,
      /\b(?:prediction|forecast|projection)\s*:/,
      new RegExp(`\\bexpect(?:s|ed)?\\s+${SUBJECT}\\s+to\\s+(?:be\\s+)?${MOVE}`),
      /\bupside (?:of|to)\s+\$?\d|\bdownside (?:of|to)\s+\$?\d/,
      /\bto the moon\b|\bmoonshot\b/,
      /\b(?:next|by|before) (?:week|month|year|quarter|friday|monday|tuesday|wednesday|thursday|tomorrow|earnings|close)\b.{0,40}\b(?:will|should|could easily|at|to)\s*\$?\d/,
      /(?:llegará a|subirá a|alcanzará|atteindra|montera à|va monter|wird (?:auf|bis) .{0,15}(?:steigen|fallen)|将达到|会涨到|一定会涨)/u,
    ],
  },
  {
    id: 'price-target',
    negatable: true,
    patterns: [
      /\b(?:price target|target price|price objective|pt of|pt:|fair value target|12-month target)\b|\b(?:my|our) (?:price |upside |downside |year-end |12-month )?(?:target|objective|projection)s?\b/,
    ],
  },
  {
    id: 'guarantee',
    negatable: true,
    patterns: [
      // Not the bare noun: "loan guarantees" on a balance sheet is a fact, not a promise.
      /\bguaranteed\b|\bguaranteeing\b|\b(?:i|we|this|that|it) guarantees?\b|\bguarantee(?:s)? (?:you|that|a |an |profits?|gains?|returns?|success|it|this|the (?:trade|profit|win|outcome))|\b(?:is|it's|a) (?:sure |solid )?guarantee\b|\bguarantee me\b/,
      /\b(?:can'?t|cannot|can not|won'?t|will not|never) (?:possibly )?(?:lose|fail|go wrong|miss|go down)\b/,
      /\brisk[- ]free\b|\bzero risk\b|\bno risk at all\b|\bwithout any risk\b/,
      /\b100\s?% (?:sure|certain|safe|guaranteed|win|winner|accurate|profit)\b/,
      /\bsure (?:thing|bet|win|winner|profit)\b|\bsurefire\b|\bslam dunk\b|\block(?:ed)? in (?:profits?|gains)\b/,
      /\b(?:free|easy) money\b|\bcan'?t go wrong\b|\b(?:it'?s|this is) a lock\b/,
      /\bprinting money\b|\bmoney printer\b|\bcash cow\b|\brisk is (?:basically |practically |virtually |essentially )?(?:nil|zero|none|non-?existent|negligible)\b|\b(?:basically|practically|virtually) (?:risk-?free|no risk|nil risk)\b/,
      /\b(?:zero|no) (?:chance|way|risk|possibility) (?:this|it|that|the trade|you|of (?:losing|failure|it failing))\b/,
      /\b(?:certain|bound|sure) to (?:rise|go up|win|profit|make money|reach|hit|pay off|work)\b/,
      /(?:garantizad[oa]s?|garanti(?:e|es)?|garantiert|sin riesgo|sans risque|ohne risiko|保证|稳赚|必涨)/u,
    ],
  },
  {
    id: 'personal-advice',
    negatable: false,
    patterns: [
      /\byou (?:should|must|need to|ought to|have to|had better|'d better|better) (?:definitely |absolutely |probably |really |just |seriously |totally )?(?:buy|sell|short|go long|go short|get in|get out|jump in|dump|load up|invest|pull the trigger|ape|hodl|bet|double down|average down)\b/,
      /\bi (?:would |'d |do |strongly |really )?(?:recommend|suggest|advise|urge)\s+(?:that )?(?:you )?(?:to )?(?:buy|sell|short|go long|go short|buying|selling|shorting|going long|going short|get in|getting in|load|loading)\b/,
      /\b(?:my|our) (?:advice|recommendation|suggestion) (?:is|would be|to you)\b/,
      /\bif i were you\b/,
      /\b(?:buy|sell|short) (?:it|this|them|these|now|today|immediately|right away|asap|before it'?s too late)\b/,
      /\b(?:buy|sell|short) (?:\$?[a-z]{1,5} )?(?:now|today|immediately|right away|right now|asap|at the open)\b/,
      /\b(?:buy|sell|dump) (?:everything|it all|all of it)\b|\bload(?:s|ed|ing)? up on\b/,
      /\b(?:grab|scoop up|snap up|pick up|pile into|stock up on)\b.{0,20}\b(?:shares|stock|calls|puts|contracts|coins|position|some)\b/,
      /\bload the boat\b|\bback(?:ing|ed|s)? up the truck\b|\bno[- ]brainer\b|\bwith both hands\b|^\s*(?:just |so |definitely |go ahead and )?take (?:the|this) trade\b(?!\s+results)|\b(?:is|'s) the play\b/,
      /\bget (?:in|out)(?: now| today| early| while| before| asap| right now)?\s*(?:[.!]|$)|\bget (?:in|out) (?:now|today|early|while|before|asap)\b/,
      /\b(?:i'?d|i would|i'?m|i am|i'?ll|i will) (?:be )?(?:buying|selling|shorting|loading|adding|getting in|going long|going short)\b/,
      /\bthe smart (?:move|play|money|trade|thing to do) (?:is|here|would be|right now)\b|\bis the smart (?:move|play|trade)\b/,
      // An order at the start of a sentence: "Buy the dip." A plan restated ("Sell half at 51.50",
      // "Short 300 shares at 47.50 with a stop") is the trader's own and passes.
      /^\s*(?:\w+,\s*)?(?:just |so |definitely |now |go ahead and )?(?:(?:grab|scoop up|snap up|load up|pile into|buy into|jump into|dump|unload|accumulate)\b|(?:buy|sell|short|go long|go short) (?:now|today|the dip|the rip|more|it|this|them|these|some|shares of|calls|puts|everything|all|before)\b)/,
      /\b(?:definitely|absolutely|just) (?:buy|sell|short)\b/,
      /\b(?:go all[- ]in|all in on|back up the truck|yolo|mortgage your house|max out)\b/,
      /(?:deberías (?:comprar|vender)|debes (?:comprar|vender)|vous devriez (?:acheter|vendre)|tu devrais (?:acheter|vendre)|sie sollten (?:kaufen|verkaufen)|du solltest (?:kaufen|verkaufen)|你应该(?:买|卖)|買うべき)/u,
    ],
  },
];

/** A negation up to four words before a match cancels it: "no one can guarantee", "it does not predict". */
// Only within one clause: in "not advice, but it will rise" the comma ends the negation.
export const NEGATION =
  /\b(?:not|no|never|nothing|nobody|no one|cannot|can't|can not|doesn't|don't|isn't|aren't|won't|without|neither|nor|none)\b(?:[^\w,;:]+(?!but\b|however\b|yet\b)[\w']+){0,4}[^\w,;:]*$/;

/** @everyone/@here (Discord), <!channel>/<!here>/<!everyone> (Slack), user and role mentions on both. */
export const MENTION =
  /@(?:everyone|here|channel)\b|<!(?:channel|here|everyone)(?:\|[^>]*)?>|<!subteam\^[A-Z0-9]+(?:\|[^>]*)?>|<@[!&]?[A-Z0-9]+(?:\|[^>]*)?>/gi;
