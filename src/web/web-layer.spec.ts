import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/*
 * The web layer's walls, checked on the source: HTML is answered only from src/web, nothing is
 * escaped by hand (views escape by default), and reader languages come from the catalogue.
 */

const SRC = join(__dirname, '..');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      return files(path);
    }
    return /\.tsx?$/.test(entry.name) && !/\.spec\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

const sources = files(SRC).map((path) => ({ path: relative(SRC, path), text: readFileSync(path, 'utf8') }));
const outsideWeb = sources.filter((file) => !file.path.startsWith(`web/`));

/** Markup in a string or template literal: a doctype, or a closing tag of an element pages use. */
const MARKUP =
  /<!doctype|<\/(html|body|main|p|div|span|a|form|table|tr|td|ul|li|h1|h2|h3|dl|dd|label|button|strong)>/i;

describe('the web layer', () => {
  it('should be the only place with HTML markup or components', () => {
    const offenders = outsideWeb
      .filter((file) => file.path.endsWith('.tsx') || MARKUP.test(file.text))
      .map((file) => file.path);
    expect(offenders).toEqual([]);
  });

  it('should be the only place that answers text/html', () => {
    const offenders = outsideWeb
      .filter((file) => /text\/html|\.type\(['"]html['"]\)/.test(file.text))
      .map((file) => file.path);
    expect(offenders).toEqual([]);
  });

  it('should escape nothing by hand: views escape by default', () => {
    const offenders = sources
      .filter((file) => /\bescapeHtml\b|\bescape-html\b/.test(file.text))
      .map((file) => file.path);
    expect(offenders).toEqual([]);
  });

  it('should take reader languages from the catalogue, not from a union in code', () => {
    const offenders = sources
      .filter((file) => /'de'\s*\|\s*'en'|"de"\s*\|\s*"en"/.test(file.text))
      .map((file) => file.path);
    expect(offenders).toEqual([]);
  });

  it('should find what it looks for (the checks can fail)', () => {
    expect(MARKUP.test('`<p>${name}</p>`')).toBe(true);
    expect(MARKUP.test('const a = b < c && d > e;')).toBe(false);
  });
});
