/**
 * A link target fit for `href`: relative paths and http(s), mailto and tel URLs pass; anything else
 * (javascript:, data:, vbscript: …) becomes `undefined`, so the link is dropped, not executed.
 */
export function safeUrl(url: string | null | undefined): string | undefined {
  if (!url) {
    return undefined;
  }
  const trimmed = url.trim();
  if (/^\/(?!\/)/.test(trimmed) || /^[?#]/.test(trimmed)) {
    return trimmed;
  }
  return /^(https?:|mailto:|tel:)/i.test(trimmed) ? trimmed : undefined;
}
