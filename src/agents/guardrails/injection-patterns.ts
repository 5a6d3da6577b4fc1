/**
 * Prompt-injection rules, matched against every reading of a text (see normalize.ts). Each rule
 * names one tactic. `squashed` patterns run on letters-only text, to catch s p a c e d or
 * d.o.t.t.e.d words; they are kept long and specific because word boundaries are gone there.
 */
export interface InjectionRule {
  id: string;
  /** What the trader is told when this rule blocks their message. */
  reason: string;
  patterns: readonly RegExp[];
  squashed?: readonly RegExp[];
  /** Where the rule applies; absent = every stage. Some phrasings are only suspicious inside a document. */
  stages?: ReadonlyArray<'input' | 'retrieved'>;
}

const SET_ASIDE =
  '(?:ignore|disregard|forget|override|bypass|skip|drop|abandon|overrule|neglect|set aside|put aside|pay no (?:attention|heed|mind) to|never ?mind|throw out|discard|suspend|disable|deactivate|turn off|switch off|lift|ditch|circumvent|get around|break free (?:of|from))';
const IGNORE = `\\b${SET_ASIDE}\\b(?:\\s+\\w+){0,3}?\\s+`;
// "Ignore my rules" is something traders confess, not an attack: only the model's rules count.
const PRIOR =
  '(?:previous|prior|preceding|above|earlier|foregoing|original|initial|system|developer|existing|your)';
const RULES_WORD =
  '(?:instructions?|rules?|prompts?|directions?|directives?|guidelines?|guardrails?|constraints?|restrictions?|polic(?:y|ies)|programming|context|safety|guidance)';
const ANY = '(?:all|any|the|these|those)';
const MODEL_RULES =
  '(?:instructions|prompts?|directives|guidance|guardrails|programming|system prompt|filters|restrictions|disclaimers?|compliance|moderation|safety(?: \\w+)?|(?:output |input |safety )?(?:guards?|checks))';
// Clause start: "Ignore the rules and ..." is an order; "I ignore the rules" is a confession.
const CLAUSE = '(?:^|[.!?;:,]\\s*|\\n\\s*|\\b(?:please|kindly|now|just|and|then|so)\\s+)';

const DISCLOSE =
  '(?:show|print|reveal|output|repeat|quote|tell|say|summari[sz]e|list|translate|paraphrase|describe|dump|display|give|share|recite|copy|write out|spell out|explain|read back|expose|leak|respond|reply|include|including|send|what (?:is|are|were|was))';
const SECRET =
  '(?:\\b(?:system|developer|initial|hidden|secret|internal|original|pre-?|starting|opening|meta)[ -]?(?:prompt|message|instructions?|rules|guidelines|directives|configuration|setup)\\b' +
  '|\\b(?:instructions|rules|guidelines|directives) you (?:follow|were given|have been given|operate under|obey|received|got)\\b' +
  '|\\b(?:text|words|content|everything|anything|instructions?)s? (?:that )?(?:appears?|comes?|came|is|was|were|written) (?:before|above|prior to|ahead of) (?:my|this|the|our) (?:first )?(?:message|question|input|conversation|prompt|chat)\\b' +
  "|\\bwhat you (?:were|have been|'ve been) (?:told|given|instructed)\\b" +
  // "Your instructions for entering a trade" is a question about using the bot, not an extraction.
  '|\\byour (?:full |entire |complete |exact |whole )?(?:instructions|prompt|configuration|config|programming)\\b(?! (?:for|on|about) (?:entering|using|writing|a |an |the |how|my|trade|trading|position|sizing|stops?))' +
  '|\\braw (?:model |llm |ai )?(?:output|response|completion)s?\\b' +
  '|\\b(?:rules|instructions|guidelines) (?:were|was|are|have) you (?:been )?(?:programmed|trained|given|told|configured|instructed)\\b)';

// Names that only mean an AI system: "models" alone is too common in finance ("valuation models").
const AI =
  '(?:\\bai\\b|\\ba\\.i\\.|\\bassistants?\\b|\\bllms?\\b|\\bchatbots?\\b|\\blanguage models?\\b|\\bai models?\\b|\\b(?:chat)?gpt\\b|\\bclaude\\b|\\bgemini\\b|\\bcopilot\\b|\\b(?:ai|trading|analysis) agents?\\b|\\bautomated (?:analysts?|systems?|readers?|agents?|summari[sz]ers?|tools?)\\b|\\bmachine readers?\\b|\\b(?:reader|crawler|scraper|indexing|summari[sz]ing)\\s+bots?\\b)';

export const INJECTION_RULES: readonly InjectionRule[] = [
  {
    id: 'ignore-instructions',
    reason: 'it asks me to set aside my instructions',
    patterns: [
      new RegExp(`${IGNORE}${PRIOR}\\s+(?:\\w+\\s+){0,2}?${RULES_WORD}`),
      new RegExp(`${IGNORE}${ANY}\\s+(?:\\w+\\s+){0,2}?${MODEL_RULES}`),
      new RegExp(
        `${CLAUSE}${SET_ASIDE}\\s+(?:all\\s+|any\\s+|the\\s+|of\\s+|those\\s+)*(?:rules|guidelines|restrictions|limits)\\b`,
      ),
      /\b(?:forget|disregard|ignore)\s+(?:about\s+)?(?:everything|all of that|all that|anything)\s+(?:you|you've|you were|above|before|previous|prior|said before|we said)\b/,
      /\b(?:everything|all|anything)\s+(?:before|above)\s+(?:this|here|that)(?:\s+\w+){0,3}\s+(?:was|is|were)\s+(?:just\s+)?(?:a test|fake|void|irrelevant|not real|a joke|a trick|wrong)\b/,
      /\b(?:the|your) (?:real|actual|true|new|secret) (?:task|job|instructions?|goal|objective|mission|purpose)\b/,
      /\b(?:without|free of|free from|minus)\s+(?:your|the)\s+(?:usual|normal|standard|built-in|default|own|current)?\s*(?:constraints|limits|limitations|restrictions|rules|filters|guardrails|safety \w+|disclaimers|censorship|guidelines)\b/,
      /\b(?:vergiss|vergessen sie|oublie[zs]?|olvida|olvide|dimentica|esque[çc]a|esquece)\s+(?:\S+\s+)?(?:alles|tout|todo|tutto|tudo)\b/u,
      /(?:前面|之前|以上|先前|上面)的?(?:所有)?(?:指示|指令|规则|要求|提示).{0,8}(?:不算|作废|无效|取消|忽略)/u,
      /\b(?:your|the system'?s?|the ai'?s?|safety|compliance|content|the)\s+(?:\w+\s+)?(?:rules|instructions|guidelines|restrictions|filters|guardrails|polic(?:y|ies)|disclaimers?)\s+(?:are|is|have been|has been|were)\s+(?:now\s+|hereby\s+|officially\s+)?(?:suspended|disabled|lifted|removed|void|null|off|deactivated|overridden|revoked|cancelled|waived|no longer (?:apply|active|in effect|valid))\b/,
      /\b(?:compliance|safety|filter(?:ed|ing)?|restricted|guard(?:rail)?|disclaimer|content|moderation)\s+mode\s+(?:is\s+)?(?:now\s+)?(?:disabled|off|deactivated|removed|lifted|suspended|over)\b/,
      /\b(?:pretend|imagine|assume|suppose|act as if|act like|let's say)\b.{0,40}\b(?:rules?|disclaimers?|restrictions?|filters?|guidelines?|guardrails?|polic(?:y|ies)|instructions?)\b.{0,20}\b(?:(?:don'?t|do not|doesn'?t|no longer|never) (?:exist|apply|matter|count)|are (?:gone|off|lifted|suspended))/,
      /\b(?:ignore|disregard|forget)\s+(?:\w+\s+)?(?:everything |all |the |what was said )?(?:above|before this|said before|you were told|you've been told)\b(?!\s+(?:trade|idea|setup|plan|order|position|one|entry|stop|target|chart|message|numbers?)\b)/,
      new RegExp(
        `\\b(?:do not|don't|stop|quit)\\s+(?:follow|obey|apply)(?:ing)?\\s+(?:your|the system|the previous|the original|any of your)\\s+(?:\\w+\\s+)?${RULES_WORD}`,
      ),
      /\bnew (?:instructions?|system prompt|directives?)\s*[:\-]/,
      /\b(?:your|the) (?:real|true|actual|updated) instructions (?:are|say)\b/,
      /\bfrom now on,? (?:you are|you're|you will (?:act|be|respond|answer|ignore|only)|ignore|respond only|answer only)\b/,
      // French, Spanish, Portuguese, Italian, German, Dutch, Russian, Chinese, Japanese, Korean.
      /\b(?:ignore[rz]?|oublie[rz]?)\b.{0,20}\b(?:instructions?|consignes?)\b/u,
      /\b(?:ignora|olvida|ignore|esqueça|esquece)\b.{0,25}\b(?:instrucciones|instruções|istruzioni)\b/u,
      // Imperatives at the start of a clause, where "rules" means the model's rules.
      /(?:^|[.!?;:,¡¿]\s*)(?:ignora|olvida|omite|ignorez|ignore|oublie[zs]?|ignoriere|vergiss|ignorate|dimentica)\s+(?:\S+\s+){0,2}(?:reglas|règles|regeln|regole|regras|normas|restricciones|restrictions|einschränkungen)\b/u,
      /\b(?:ignoriere|ignorieren|vergiss|vergessen)\b.{0,30}\b(?:anweisungen|vorgaben|instruktionen)\b/u,
      /\b(?:negeer|vergeet)\b.{0,25}\b(?:instructies)\b/u,
      /(?:игнорируй|игнорировать|забудь|проигнорируй).{0,30}(?:инструкци|указани)/u,
      /(?:忽略|无视|忘记|忘掉|不要理会|忽視|無視).{0,12}(?:指令|指示|提示)/u,
      /(?:指示|命令|プロンプト).{0,10}(?:無視|忘れ)/u,
      /(?:지시|명령|지침).{0,10}(?:무시|잊어)/u,
    ],
    squashed: [
      /(?:ignore|disregard|forget|override|bypass)(?:all|any|the|your|my)*(?:previous|prior|above|earlier|preceding|system|safety)(?:instructions?|rules?|prompts?|guidelines?)/,
    ],
  },
  {
    id: 'role-play-jailbreak',
    reason: 'it asks me to play a role without my rules',
    patterns: [
      /\b(?:dan|stan|dude|aim|evilbot)\b.{0,40}\b(?:do anything now|no (?:rules|restrictions|limits|filters))\b/,
      /\bdo anything now\b/,
      /\b(?:god|jailbreak|jailbroken|unrestricted|unfiltered|uncensored) mode\b/,
      // "Is there a developer mode for CSV imports?" is a question; switching the model into one is not.
      /\b(?:enable|activate|enter|engage|switch (?:to|into)|turn on|you are (?:now )?in|you're (?:now )?in|now in)\s+(?:the\s+)?(?:developer|debug|sudo|admin|maintenance|test) mode\b/,
      /\b(?:you are|you're|act as|pretend (?:to be|you are|you're)|roleplay as|role-play as|play the role of|behave like|become)\b.{0,60}\b(?:no|without|free (?:of|from)|any) (?:rules|restrictions|limits|limitations|filters|guidelines|ethics|guardrails|censorship|constraints|disclaimers)\b/,
      /\b(?:you are|you're) (?:now|no longer)\b.{0,40}\b(?:ai|assistant|model|chatbot|bound|restricted|trading buddy|buddy|coach|analyst|advisor|adviser|broker|oracle)\b/,
      /\b(?:act|pretend|roleplay|role-play|imagine you are|imagine you're)\b.{0,30}\b(?:financial advis[eo]r|fortune teller|oracle|psychic|hedge fund manager|my broker|wall street insider|a human trader)\b/,
      /\b(?:hypothetically|in a fictional story|for a novel|in a movie script|let's play a game)\b.{0,80}\b(?:no rules|ignore|without restrictions|would say (?:buy|sell)|predict|price target|which stock|what to buy)\b/,
      /\bstay in character\b/,
      // A persona plus a payload anywhere in the message: "Let's roleplay ... what should I buy?"
      /^(?=[\s\S]*\b(?:role-?play|role play|personas?|alter ego|in character|pretend|act as|you'?re now|you are now|your new role|new persona|play the part|impersonate|simulate being|two (?:answers|responses|modes)|dual mode)\b)(?=[\s\S]*\b(?:no filters?|unfiltered|uncensored|unrestricted|no rules|no restrictions|no limits|without (?:any )?(?:rules|restrictions|filters|limits)|what (?:should|do|would) i buy|which (?:stock|coin|crypto|ticker)|price (?:next|tomorrow|by)|predict|price target|will (?:rise|go up|fall|hit|reach|moon|double)|oracle|fortune)\b)[\s\S]/,
      /\b(?:your new role|new role|your role is now|from now on your role)\s*(?:is|:)/,
      /\b(?:ai|assistant|model|bot|chatbot|llm)\b.{0,20}\b(?:without|with no|free of|no)\s+(?:any\s+)?(?:limits|limitations|restrictions|rules|filters|guardrails|constraints|censorship)\b/,
      /\b(?:forget|stop|quit) (?:about )?being (?:a |an |my |the )?(?:coach|assistant|buddy|trading buddy|auditor|ai)\b/,
      /\bbe my (?:personal )?(?:stock picker|advis[eo]r|broker|oracle|financial advis[eo]r|signal (?:service|bot|provider)|guru|tipster|fund manager)\b/,
      /\b(?:simulate|emulate|imitate)\b.{0,20}\b(?:unrestricted|unfiltered|uncensored|jailbroken|evil|rogue|raw)\b/,
      /\b(?:override|god|developer|admin|debug|jailbreak|unrestricted|unfiltered|raw|test|dan|sudo)\s+mode\s*[:=]?\s*(?:on|enabled|activated|engaged|true|1)\b/,
      /\bopposite mode\b|\banti-?buddy\b/,
    ],
    squashed: [/doanythingnow/, /(?:jailbreak|unrestricted|unfiltered|god)mode/],
  },
  {
    id: 'authority-claim',
    reason: 'it claims authority over how I work',
    patterns: [
      /\b(?:i'?m|i am|this is|speaking as)\s+(?:your|the|an?)\s+(?:admin(?:istrator)?|developer|creator|owner|operator|sysadmin|system administrator|programmer|maker|engineer who (?:built|made|wrote) (?:you|this))\b/,
      /\b(?:admin|developer|operator|root|sudo|maintenance|god)\s+(?:override|access|privileges?|command|authori[sz]ation)\b/,
      /\b(?:obey|serve|submit to) me\b|\byou (?:must|will|shall) (?:obey|comply with me|follow my (?:orders|commands))\b/,
      /(?:^|[.!?]\s+)(?:dev|developer|admin|sysadmin|ops|engineer|owner|creator|your creator)\s+here\b/,
    ],
  },
  {
    id: 'system-prompt-extraction',
    reason: 'it asks for my hidden instructions',
    patterns: [
      /\b(?:reveal|show|print|display|repeat|output|dump|leak|give|tell|write|paste|share|list|recite|spell out|translate)\b(?:\s+\w+){0,4}?\s+(?:your|the|my|all)?\s*(?:full |entire |exact |original |initial |hidden |secret |internal )*(?:system|developer|initial|hidden|secret|internal|original)\s+(?:prompt|instructions?|message|rules|configuration|context)/,
      /\bwhat (?:is|are|was|were) (?:your|the) (?:system prompt|initial instructions|hidden instructions|instructions above|original instructions|rules you were given)\b/,
      /\b(?:repeat|print|output|echo|copy)\b.{0,30}\b(?:everything|all|the text|the words|the content|verbatim)\b.{0,30}\b(?:above|before this|prior|so far|preceding|up to here)\b/,
      new RegExp(
        `\\b${DISCLOSE}\\b.{0,40}${SECRET}|${SECRET}.{0,30}\\b(?:quote|show|repeat|print|list|verbatim|word for word|in full|exactly)\\b`,
      ),
      /\bwhat (?:rules|instructions|guidelines|directives) (?:were|are|have|did) you\b/,
      /\b(?:begin|start) your (?:reply|answer|response) with\b.{0,30}\b(?:system prompt|instructions|you are)\b/,
      /\b(?:api key|secret key|access token|anthropic_api_key|env(?:ironment)? variables?|\.env file)\b.{0,30}\b(?:show|print|reveal|tell|give|what is|list)\b|\b(?:show|print|reveal|tell me|give me|what is|list)\b.{0,30}\b(?:api key|secret key|access token|anthropic_api_key|env(?:ironment)? variables|\.env file)\b/,
      /(?:系统提示|系統提示|提示词|初始指令).{0,10}(?:是什么|告诉|显示|输出)|(?:告诉|显示|输出|打印).{0,10}(?:系统提示|提示词|初始指令)/u,
      /\b(?:muestra|revela|dime)\b.{0,20}\b(?:prompt del sistema|instrucciones del sistema|tus instrucciones)\b|\b(?:montre|révèle|affiche)\b.{0,20}\b(?:prompt système|instructions système|tes instructions|vos instructions)\b/u,
    ],
    squashed: [
      /(?:reveal|show|print|repeat|output|dump)(?:me)?(?:your|the)(?:full|entire|exact|hidden|secret)*(?:systemprompt|initialinstructions|hiddeninstructions)/,
    ],
  },
  {
    id: 'delimiter-spoofing',
    reason: 'it imitates system or conversation markers',
    patterns: [
      // src/rag's quoteForPrompt markers: a passage or message that forges them fakes a boundary.
      /<{3}\s*(?:end|chunk)\b/,
      /<\|(?:im_start|im_end|system|user|assistant|endoftext|eot_id|start_header_id|end_header_id)\|>/,
      /<\/?\s*(?:system|sys|instructions?|assistant|user|human|developer|prompt|context|retrieved_passages|passage|trade_idea|facts|fact_notes|knowledge)\s*>/,
      // A closing tag straight before an opening one splices a fake section into a prompt.
      /<\/[a-z_]{2,30}>\s*<[a-z_]{2,30}>/,
      /\[\/?(?:inst|sys|system|assistant)\]|<<\/?sys>>/,
      /(?:^|\n|[.!?]\s+)\s*[\[{(<#*=-]*\s*(?:system|admin|administrator|developer|root|operator|openai|anthropic)(?:\s+\w+){0,2}\s*[\]})>*]*\s*:\s*\S/,
      /[\[{(<]{1,2}\s*(?:system|assistant|admin|developer|override)\b[^\]\n]{0,40}[\]})>]{1,2}/,
      /(?:^|\n)\s*(?:#{1,6}\s*|\*\*)?(?:system|assistant|developer)\s*(?:prompt|message|override)?\s*(?:\*\*)?\s*:\s*\S/,
      /(?:^|\n)\s*(?:human|assistant|user|system)\s*:\s*(?:ignore|you are|from now|new instructions|sure|ok)/,
      // A transcript line inside a message or passage fakes a turn of the conversation.
      /(?:^|\n)\s*(?:human|assistant)\s*:\s*\S/,
      /\b(?:end of|end) (?:system prompt|user input|instructions|context|document|passage)\b.{0,40}\b(?:new|now|begin|start|you)\b/,
      /(?:={3,}|-{3,}|#{3,})\s*(?:system|admin|developer|override|end of (?:input|context))\b/,
    ],
  },
  {
    id: 'tool-spoofing',
    reason: 'it imitates tool calls or tool results',
    patterns: [
      /"type"\s*:\s*"(?:tool_use|tool_result|function_call|function)"/,
      /<\/?\s*(?:tool_use|tool_call|tool_result|function_calls?|invoke|antml:[a-z_]+|parameter)\b/,
      /\b(?:call|invoke|run|execute|use) (?:the )?(?:tool|function) [`'"]?\w+[`'"]?\s*(?:with|using)\b/,
      /\b(?:tool|function)_?(?:result|output|response)\s*[:=]/,
      /\b(?:agent_recommendation|write_explanation)\b.{0,40}\b(?:recommendation|confidence|text)\b/,
    ],
  },
  {
    id: 'addressed-to-ai',
    reason: 'it gives orders to the AI about how to answer',
    stages: ['retrieved'],
    patterns: [
      new RegExp(
        `\\b(?:hidden |secret |special )?(?:directive|instruction|command|order|note|message|memo)s? (?:for|to) (?:all |any |the )?${AI}`,
      ),
      new RegExp(
        `${AI}[^.!?\\n]{0,50}\\b(?:should|must|shall|needs? to|has to|have to|is to|are to|will always|always|never|please)\\b`,
      ),
      new RegExp(
        `${AI}\\s*[:,]\\s*(?:please\\s+)?(?:say|conclude|rate|recommend|output|respond|answer|reply|report|classify|label|treat|ignore|disregard|call|tell|give|show|hide|omit|drop|skip)\\b`,
      ),
      /\bwhen (?:asked|questioned|prompted) (?:about|for|on)\b.{0,40}\b(?:say|answer|respond|reply|claim|state)\b/,
    ],
  },
  {
    id: 'instruction-to-model',
    reason: 'it gives orders to the AI about how to answer',
    patterns: [
      /\b(?:note|message|instructions?|attention|important|notice|reminder) (?:to|for) (?:the |any |all )?(?:ai|assistant|model|llm|chatbot|language model|agent|gpt|claude|bot)s?\b/,
      /\b(?:ai|assistant|model|llm|chatbot|language model|agent|claude|gpt)s?\b (?:reading|processing|that reads?|who reads?|summari[sz]ing|analy[sz]ing|retrieving) (?:this|these)\b/,
      /\b(?:always|must|should|shall|you will) (?:recommend|answer|respond(?: with)?|output|say|rate|reply(?: with)?)\b.{0,20}\b(?:buy|sell|hold|strong buy|100|bullish|bearish)\b/,
      /\b(?:set|give|assign|report|use) (?:the |your |a )?confidence (?:to|of|at)\s*\d/,
      /\b(?:respond|reply|answer) only with\b/,
      /\bif you(?: are|'re) (?:an? )?(?:ai|llm|language model|assistant|chatbot|model|bot)\b/,
      /\b(?:do not|don't|never) (?:mention|include|add|show) (?:the |any )?(?:risks?|disclaimers?|warnings?)\b/,
      /\b(?:tell|inform|convince|advise) (?:the )?(?:user|trader|reader)s? (?:to|that (?:they|it) (?:should|must))\b/,
    ],
  },
];

/** Requests for a forecast or a personal call: allowed through, flagged, and answered by the rules. */
export const ADVICE_PATTERNS: readonly RegExp[] = [
  /\b(?:should|shall|do|must) i\b.{0,20}\b(?:buy|sell|short|go long|go short|get in|get out|invest|enter|exit|hold|ape)\b/,
  /\b(?:tell|let) me\b.{0,25}\b(?:buy|sell|what to|which stock|whether|if i should)\b/,
  /\b(?:what|where|how high|how low) (?:will|is|are|would)\b.{0,40}\b(?:be|go|trade|close|reach|end|worth|price|headed|heading|going)\b.{0,30}\b(?:next|tomorrow|by|end of|this|in \d|week|month|year|friday|monday|close)\b/,
  /\bwill\b.{0,30}\b(?:go up|go down|rise|fall|crash|rally|moon|hit|reach|break|double|recover)\b/,
  /\b(?:predict|prediction|forecast|price target|target price|crystal ball|guarantee|guaranteed|sure thing|can'?t lose|risk[- ]free)\b/,
  /\b(?:buy or sell|good buy|good time to buy|best stock|which stock|what stock|hot tip|tip for)\b/,
  // Asking the buddy to pick a side, vouch for a plan, or put odds or money on the outcome.
  /\b(?:bullish or bearish|bearish or bullish|long or short\?|up or down\?)/,
  /\bjust (?:give me |tell me )?your (?:honest )?(?:opinion|view|take|gut)\b/,
  /\bif (?:you were|you're|you are|i were) (?:me|you|in my (?:shoes|position))\b/,
  /\b(?:good|great|smart|safe) (?:idea|trade|plan|call),? (?:right|yes|isn'?t it|no)\b/,
  /\bpromise me\b/,
  /\b(?:what(?:'s| is| are)?|whats) (?:the )?(?:probability|odds|chances?|likelihood)\b/,
  /\bhow much (?:money )?(?:will|would|could|can|am|do) i (?:going to |gonna )?(?:make|earn|win|profit)\b/,
  /(?:debo|debería|deberia|devo|devrais|dois-je|sollte ich|soll ich|应该买|该不该买|買うべき|사야).{0,30}/u,
  /(?:¿qué|¿cuánto|combien|wie hoch|将会|会涨|会跌|上がる|오를).{0,30}/u,
];
