import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const README = join(ROOT, 'README.md');
const README_MAX_BYTES = 12 * 1024;

const markdownFiles = (): string[] => [
  README,
  ...readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => join(ROOT, 'docs', name)),
];

/** `[text](target)` and `<a href="target">`, outside code blocks, minus web, mail and in-page links. */
function relativeLinks(markdown: string): string[] {
  const prose = markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  const targets = [
    ...[...prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((match) => match[1]),
    ...[...prose.matchAll(/href="([^"]+)"/g)].map((match) => match[1]),
  ];
  return targets.filter((target) => !/^([a-z][a-z0-9+.-]*:|#)/i.test(target));
}

describe('README and docs', () => {
  it(`should keep README.md within ${README_MAX_BYTES} bytes (details belong in docs/)`, () => {
    expect(statSync(README).size).toBeLessThanOrEqual(README_MAX_BYTES);
  });

  it('should find a relative link in a sample, and leave web and in-page links alone', () => {
    expect(
      relativeLinks(
        '[a](docs/a.md) [b](https://x.test) [c](#c) [d](../e.md#f) `[g](h.md)` <a href="i.md">i</a>',
      ),
    ).toEqual(['docs/a.md', '../e.md#f', 'i.md']);
  });

  it.each(markdownFiles().map((file) => [file.slice(ROOT.length + 1), file]))(
    'should link only to files that exist from %s',
    (_name, file) => {
      const missing = relativeLinks(readFileSync(file, 'utf8'))
        .map((target) => decodeURI(target.split('#')[0]))
        .filter((path) => path !== '' && !existsSync(resolve(dirname(file), path)));
      expect(missing).toEqual([]);
    },
  );
});
