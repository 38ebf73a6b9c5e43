import { publisherLabel } from '../corpus/article.js';
import type { AddedArticle, RemovedArticle } from '../library/library-types.js';
import { describeLinkArticle, type LinkArticle } from '../links/add-from-link.js';
import { messageBody, type MessageBody } from './render-message.js';
import { LIMITS, blockQuote, cutOnWord, escapeAll, inlineCode, renderHighlighted } from './render-text.js';

/** `/add-article`: what was added, how many passages, the file it was saved as, and its first passage quoted. */
export function renderAdded(added: AddedArticle): MessageBody {
  return renderAddedWith(added, []);
}

/**
 * `/add-article url:`: as renderAdded, with the paragraphs read from the page, what the page said
 * (title, publisher, date, author), what the admin gave, and what neither did (left unset).
 */
export function renderAddedFromLink(read: LinkArticle, given: readonly string[]): MessageBody {
  // The link in <…>: Discord shows no preview card for it.
  return renderAddedWith(read.added, [cutOnWord(describeLinkArticle(read, given, (url) => `<${url}>`).join(' '), 600)]);
}

function renderAddedWith({ article, file, passages, firstPassage }: AddedArticle, extra: readonly string[]): MessageBody {
  const head = [
    `Added *${escapeAll(cutOnWord(article.title, 200))}* (${escapeAll(cutOnWord(publisherLabel(article.source), 100))}${article.published ? ` · ${escapeAll(article.published)}` : ''}): ` +
      `${passages} ${passages === 1 ? 'passage' : 'passages'}, saved as ${inlineCode(file)}. /ask can quote it now.`,
    ...extra,
    `First passage (paragraph ${firstPassage.paragraph}):`,
  ].join('\n');
  // The quote takes the rest of the message: "\n" before it, "> " per line.
  const room = LIMITS.content - head.length - 1 - 2 * firstPassage.text.split('\n').length;
  return messageBody(`${head}\n${blockQuote(renderHighlighted(firstPassage.text, [], room))}`);
}

/**
 * `/remove-article`: what was removed, where its file went and how to bring it back.
 * `corpusName` is how to call the corpus directory (its name, e.g. `corpus`).
 */
export function renderRemoved({ article, file, trashFile, passages }: RemovedArticle, corpusName: string): MessageBody {
  return messageBody(
    [
      `Removed *${escapeAll(cutOnWord(article.title, 200))}* (${passages} ${passages === 1 ? 'passage' : 'passages'}): answers no longer quote it.`,
      `Its file moved to ${inlineCode(`${corpusName}/${trashFile}`)}. To restore it, move it back to ${inlineCode(`${corpusName}/${file}`)}, then run /reindex (or just wait a moment: the bot watches the corpus directory).`,
    ].join('\n'),
  );
}
