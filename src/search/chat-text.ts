import chatWordData from './chat-words.json' with { type: 'json' };

/**
 * Words of chat that carry nothing a passage could match ("lol", "pls", "hey"): dropped from a
 * question wherever they stand. Lower-case, as typed.
 */
const CHAT_WORDS: ReadonlySet<string> = new Set(chatWordData.filler);
/** Names a user calls the bot by; dropped only where they address it (start or end of the question). */
const BOT_NAMES: ReadonlySet<string> = new Set(chatWordData.botNames);
/** Chat shorthand and the words it stands for ("u" → "you", "abt" → "about"). */
const SPELLINGS: ReadonlyMap<string, string> = new Map(Object.entries(chatWordData.spellings));

/** Discord markup that is not words: user, role and channel mentions, custom emoji, timestamps. */
const DISCORD_MARKUP = /<(?:@[!&]?\d+|#\d+|a?:\w+:\d+|t:\d+(?::\w)?)>/g;
const URL = /\bhttps?:\/\/\S+/g;
/** Markdown emphasis, code, spoilers, strike-through, quote and heading markers. */
const MARKDOWN = /(?:\*{1,3}|_{2,3}|~~|\|\||`{1,3})|^\s*(?:>{1,3}|#{1,3})\s+/gm;
/** Pictographs, their modifiers and joiners: emoji say how a user feels, not what they ask. */
const EMOJI = /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u{FE0F}|\u{200D}|\u{20E3}/gu;
/** Typed emoticons such as :) ;-) :D xD. */
const EMOTICON = /(?:^|\s)(?:[:;=8][-'^]?[)(\][dDpPoO3/\\|*]+|[xX][dD]+|<3+)(?=\s|$)/g;
/**
 * Openings that only address, ask politely or say where a claim was heard: "hey bot,", "can you tell
 * me", "I was wondering", "I heard that".
 */
const POLITE_OPENINGS = [
  /^(?:so|ok(?:ay)?|um+|uh+|well|quick question|question|excuse me)\b[\s,:;.!-]*/i,
  /^(?:(?:i|we) (?:heard|read|saw)|(?:someone|somebody|people) (?:said|says|say)|is it true|apparently)\b(?: that\b)?[\s,:;-]*/i,
  /^(?:(?:can|could|would|will) (?:you|u)|(?:do|did) (?:you|u) know|(?:i|we) (?:want|wanna|need|would like|'d like) to know|(?:i'?m|i am|i was) (?:wondering|curious)|tell me|explain(?: to me)?|remind me)\b[\s,:;-]*(?:(?:please|pls|plz) )?(?:(?:tell|explain to|show|remind) me\b)?[\s,:;-]*/i,
];

/** Tags that ask to confirm what was said before them: "…, true?", "…, right?", "… or not?", "…, is that so?". */
const CONFIRMING_TAG = /(?:,\s*(?:true|right|correct|really|is that (?:true|right|correct|so))|\s+or not)\s*(?=[?!.]*\s*$)/i;

/**
 * A question as typed in a chat, reduced to what it asks: Discord mentions and emoji, links, markdown,
 * emoticons, greetings, addressing the bot ("hey bot,", "@storybot"), politeness ("pls", "can you tell
 * me"), hearsay and confirming tags ("I heard that …, true?") and chat filler ("lol", "tbh", "??")
 * are removed, shorthand is written out and a question in capitals is lower-cased. What is left is the
 * question's own wording; when nothing is left, the text is returned as it came.
 */
export function questionText(typed: string): string {
  let text = typed.replace(DISCORD_MARKUP, ' ').replace(URL, ' ').replace(MARKDOWN, ' ').replace(EMOJI, ' ').replace(EMOTICON, ' ');
  text = dropChatWords(text);
  for (let changed = true; changed;) {
    const before = text;
    for (const opening of POLITE_OPENINGS) text = text.replace(opening, '');
    text = dropAddress(text).replace(CONFIRMING_TAG, '');
    changed = text !== before;
  }
  text = text
    .replace(/\s+/g, ' ')
    .replace(/\s+([?!.,;:])/g, '$1')
    .replace(/([?!.])[?!.]+/g, '$1')
    .trim();
  if (!/[\p{L}\p{N}]/u.test(text)) return typed.trim();
  return isShouted(text) ? text.toLowerCase() : text;
}

/**
 * Whether a question is typed in capitals: then its capitals say nothing (WHO is "who", not the
 * World Health Organization), and it is read lower-cased.
 */
function isShouted(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, '');
  const upper = letters.replace(/[^\p{Lu}]/gu, '').length;
  return letters.length >= 8 && upper / letters.length > 0.6;
}

/** Drops chat filler words, with the commas around them ("it, lol, was" → "it was"), and writes shorthand out. */
function dropChatWords(text: string): string {
  return text
    .replace(/[\p{L}'’/]+/gu, (word) => {
      const lower = word.toLowerCase();
      return CHAT_WORDS.has(lower) ? '' : (SPELLINGS.get(lower) ?? word);
    })
    .replace(/(^|\s)[,;]+(?=\s|$)/g, '$1');
}

/** Drops the bot's name where it addresses the bot: "bot, who …", "storybot: …", "… bot?". */
function dropAddress(text: string): string {
  const trimmed = text.trim().replace(/^[,;:.!\s-]+/, '');
  const first = /^@?([\p{L}]+)\b[\s,:;!.-]*/u.exec(trimmed);
  if (first && BOT_NAMES.has((first[1] ?? '').toLowerCase())) return trimmed.slice(first[0].length);
  const last = /[\s,]+@?([\p{L}]+)\s*([?!.]*)\s*$/u.exec(trimmed);
  if (last && BOT_NAMES.has((last[1] ?? '').toLowerCase()) && /,|@/.test(last[0])) return trimmed.slice(0, last.index) + (last[2] ?? '');
  return trimmed;
}
