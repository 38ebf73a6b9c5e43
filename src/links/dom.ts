import { parseHTML } from 'linkedom';

/*
 * The few DOM shapes storybot reads, typed here because the project does not compile against the
 * browser's DOM library and linkedom's own types are loose. linkedom's nodes have all of them.
 */

/** A DOM node. */
export interface DomNode {
  /** 1 element, 3 text. */
  readonly nodeType: number;
  readonly textContent: string | null;
  readonly childNodes: Iterable<DomNode>;
}

/** A DOM element. */
export interface DomElement extends DomNode {
  readonly tagName: string;
  getAttribute(name: string): string | null;
}

/** A parsed HTML page. */
export interface DomDocument {
  querySelector(selectors: string): DomElement | null;
  querySelectorAll(selectors: string): Iterable<DomElement>;
}

/** Parses an HTML page with linkedom (a light DOM, no scripts run, nothing fetched). */
export function parseHtmlDocument(html: string): DomDocument {
  return parseHTML(html).document as unknown as DomDocument;
}

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;
