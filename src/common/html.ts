const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Safe for element content and quoted attribute values alike. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ESCAPES[char]);
}

/** A plain, accessible page: large text, high contrast, usable on a phone; no scripts. */
export function htmlPage(options: { lang: 'de' | 'en'; title: string; body: string }): string {
  return `<!doctype html>
<html lang="${options.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(options.title)} – nahbar</title>
<style>
  body { font-family: system-ui, sans-serif; font-size: 1.125rem; line-height: 1.5; color: #1a1a1a; background: #fff; margin: 0; }
  main { max-width: 38rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
  h1 { font-size: 1.6rem; line-height: 1.25; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
  dt { font-weight: 600; }
  button { font: inherit; font-weight: 600; padding: .75rem 1.5rem; border-radius: .5rem; border: 2px solid #0b4f8a; background: #0b4f8a; color: #fff; cursor: pointer; }
  button.secondary { background: #fff; color: #0b4f8a; }
  button:focus-visible, a:focus-visible, input:focus-visible, select:focus-visible { outline: 3px solid #f2a900; outline-offset: 2px; }
  .error { color: #b00020; }
  input, select { font: inherit; }
  a { color: #0b4f8a; }
  .note { background: #f3f6f9; border-left: 4px solid #0b4f8a; padding: .75rem 1rem; }
</style>
</head>
<body><main>
${options.body}
</main></body>
</html>`;
}
