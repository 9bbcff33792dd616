import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/** A whole page: the doctype, then the component tree with every text and attribute escaped. */
export function renderPage(page: VNode): string {
  return `<!doctype html>\n${renderToString(page)}`;
}

/** A piece of markup (an email body, a table cell) with the same escaping. */
export function renderFragment(node: VNode): string {
  return renderToString(node);
}
