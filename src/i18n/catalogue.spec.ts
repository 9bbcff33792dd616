import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { CATALOGUE, PUBLIC_NAMESPACES, SOURCE_LOCALE, STAFF_NAMESPACES, localesFor } from './catalogue';
import { DYNAMIC_KEY_PREFIXES } from './message-keys';
import { translator } from './translator';

const source = CATALOGUE.get(SOURCE_LOCALE)!;
const namespaceOf = (key: string): string => key.slice(0, key.indexOf('.'));

/** The argument names a message uses, including those inside plural and select branches. */
function argumentsOf(elements: MessageFormatElement[], names = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) {
      continue;
    }
    names.add(element.value);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) {
        argumentsOf(option.value, names);
      }
    }
  }
  return names;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      return entry.name === 'messages' ? [] : sourceFiles(path);
    }
    return /\.tsx?$/.test(entry.name) && !/\.spec\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe('the message catalogue', () => {
  const locales = [...CATALOGUE.values()];

  it('should offer German, English, Turkish, Arabic, Ukrainian, Russian and Farsi to the public and German and English to staff', () => {
    expect(
      localesFor('public')
        .map((info) => info.locale)
        .sort(),
    ).toEqual(['ar', 'de', 'en', 'fa', 'ru', 'tr', 'uk']);
    expect(
      localesFor('staff')
        .map((info) => info.locale)
        .sort(),
    ).toEqual(['de', 'en']);
    expect(CATALOGUE.get('ar')!.info.dir).toBe('rtl');
    expect(CATALOGUE.get('fa')!.info.dir).toBe('rtl');
  });

  it('should say in every locale who wrote and who checked its texts', () => {
    for (const { info } of locales) {
      expect(info.review.length).toBeGreaterThan(10);
    }
  });

  it.each(locales.map((entry) => [entry.info.locale, entry] as const))(
    'should have every German key in %s, and no key German lacks',
    (_locale, entry) => {
      const namespaces = new Set<string>([
        ...PUBLIC_NAMESPACES,
        ...(entry.info.staff ? STAFF_NAMESPACES : []),
      ]);
      const expected = [...source.messages.keys()].filter((key) => namespaces.has(namespaceOf(key))).sort();
      const actual = [...entry.messages.keys()].sort();
      expect({ missing: expected.filter((key) => !entry.messages.has(key)) }).toEqual({ missing: [] });
      expect({ unknown: actual.filter((key) => !source.messages.has(key)) }).toEqual({ unknown: [] });
    },
  );

  it('should keep staff texts out of the public-only locales', () => {
    for (const { info, messages } of locales.filter((entry) => !entry.info.staff)) {
      const staffKeys = [...messages.keys()].filter((key) =>
        (STAFF_NAMESPACES as readonly string[]).includes(namespaceOf(key)),
      );
      expect({ locale: info.locale, staffKeys }).toEqual({ locale: info.locale, staffKeys: [] });
    }
  });

  it('should parse every message and use the same placeholders as German', () => {
    const problems: string[] = [];
    for (const { info, messages } of locales) {
      for (const [key, message] of messages) {
        try {
          const names = [...argumentsOf(parse(message, { ignoreTag: true }))].sort();
          const german = source.messages.get(key);
          const expected =
            german === undefined ? names : [...argumentsOf(parse(german, { ignoreTag: true }))].sort();
          if (names.join() !== expected.join()) {
            problems.push(`${info.locale} ${key}: {${names.join(', ')}} instead of {${expected.join(', ')}}`);
          }
        } catch (error) {
          problems.push(`${info.locale} ${key}: ${(error as Error).message}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('should use every key somewhere in the code (or under a prefix the code builds at run time)', () => {
    const code = sourceFiles(join(__dirname, '..'))
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    const unused = [...source.messages.keys()].filter(
      (key) =>
        !DYNAMIC_KEY_PREFIXES.some((prefix) => key.startsWith(prefix)) &&
        !code.includes(`'${key}'`) &&
        !code.includes(`"${key}"`) &&
        !code.includes(`\`${key}\``),
    );
    expect(unused).toEqual([]);
  });

  it('should format plurals, numbers and dates per locale', () => {
    const de = translator('de');
    const en = translator('en');
    expect(de.t('validation.maxLength', { max: 1 })).toBe('Bitte höchstens 1 Zeichen eingeben.');
    expect(en.t('validation.maxLength', { max: 5 })).toBe('Please enter at most 5 characters.');
    expect(de.number(3.3)).toBe('3,3');
    expect(en.number(3.3)).toBe('3.3');
    expect(
      de.date(new Date('2026-12-08T08:00:00Z'), { weekday: 'short', day: 'numeric', month: 'numeric' }),
    ).toBe('Di., 8.12.');
    expect(translator('xx').locale).toBe('de');
    expect(translator('tr', 'staff').locale).toBe('de');
  });

  it('should treat angle brackets in a message as text', () => {
    expect(translator('de').t('common.contact.phone', { phone: '<b>040</b>' })).toBe('Telefon: <b>040</b>');
  });
});
