/*
 * The only place where a view may put markup that was not built from components. Everything else
 * is escaped by preact's renderer; the lint rule `no-restricted-syntax` (eslint.config.mjs) refuses
 * `dangerouslySetInnerHTML` in any other file, so a forgotten escape cannot happen silently.
 */

/** A style sheet written in code (never from user input): CSS needs its `>` unescaped. */
export function InlineStyle({ css }: { css: string }) {
  return <style dangerouslySetInnerHTML={{ __html: css }} />;
}

/**
 * Markup that the application itself produced and escaped already, e.g. a rendered email shown in
 * the demo mailbox. Never pass text that came from a person.
 */
export function TrustedHtml({ html }: { html: string }) {
  return <div dangerouslySetInnerHTML={{ __html: html }} />;
}
