import type { ComponentChildren } from 'preact';
import type { Translator } from '../../i18n';
import { InlineStyle } from './raw-html';

/**
 * The `<html>` every audience's shell starts from: language and direction from the translator (so
 * Arabic and Farsi pages run right to left), a viewport for phones, no indexing of personal pages.
 */
export function HtmlDocument(props: {
  t: Translator;
  title: string;
  css: string;
  indexable?: boolean;
  children: ComponentChildren;
}) {
  return (
    <html lang={props.t.lang} dir={props.t.dir}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {props.indexable ? null : <meta name="robots" content="noindex" />}
        <title>{props.title}</title>
        <InlineStyle css={props.css} />
      </head>
      <body>{props.children}</body>
    </html>
  );
}
