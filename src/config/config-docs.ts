import { z } from 'zod';

export const CONFIG_TABLE_START = '<!-- config-table:start -->';
export const CONFIG_TABLE_END = '<!-- config-table:end -->';

interface SettingFacts {
  defaultValue?: unknown;
  optional: boolean;
  allowed: string[];
}

const code = (value: unknown): string => `\`${String(value)}\``;
const plain = (value: unknown): string => String(value);

function numberRange(checks: z.ZodNumberDef['checks']): string[] {
  const integer = checks.some((check) => check.kind === 'int');
  const min = checks.find((check) => check.kind === 'min')?.value;
  const max = checks.find((check) => check.kind === 'max')?.value;
  const kind = integer ? 'integer' : 'number';
  if (min !== undefined && max !== undefined) {
    return [`${kind} ${min}–${max}`];
  }
  if (min !== undefined) {
    return [`${kind} ≥ ${min}`];
  }
  if (max !== undefined) {
    return [`${kind} ≤ ${max}`];
  }
  return [kind];
}

function stringRules(checks: z.ZodStringDef['checks']): string[] {
  return checks.flatMap((check): string[] => {
    switch (check.kind) {
      case 'url':
        return ['URL'];
      case 'email':
        return ['email address'];
      case 'min':
        return check.value <= 1 ? ['not empty'] : [`at least ${check.value} characters`];
      case 'max':
        return [`at most ${check.value} characters`];
      case 'regex':
        return [code(check.regex)];
      default:
        return [];
    }
  });
}

/** Walks the wrappers zod puts around a setting (default, optional, transform) down to its type. */
function facts(schema: z.ZodTypeAny, found: SettingFacts = { optional: false, allowed: [] }): SettingFacts {
  if (schema instanceof z.ZodDefault) {
    return facts(schema._def.innerType as z.ZodTypeAny, {
      ...found,
      defaultValue: schema._def.defaultValue(),
    });
  }
  if (schema instanceof z.ZodOptional) {
    return facts(schema._def.innerType as z.ZodTypeAny, { ...found, optional: true });
  }
  if (schema instanceof z.ZodEffects) {
    return facts(schema._def.schema as z.ZodTypeAny, found);
  }
  if (schema instanceof z.ZodEnum) {
    return { ...found, allowed: (schema._def.values as string[]).map(code) };
  }
  if (schema instanceof z.ZodNumber) {
    return { ...found, allowed: numberRange(schema._def.checks) };
  }
  if (schema instanceof z.ZodString) {
    return { ...found, allowed: stringRules(schema._def.checks) };
  }
  return found;
}

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/**
 * The settings table of docs/configuration.md, from the env schema alone: name, default, what values
 * it takes and what it means (its `.describe`). Pure, so the spec can compare it with the file.
 */
export function configurationTable(schema: z.AnyZodObject): string {
  const rows = Object.entries(schema.shape as Record<string, z.ZodTypeAny>).map(([name, setting]) => {
    const { defaultValue, optional, allowed } = facts(setting);
    const defaultText = defaultValue !== undefined ? code(defaultValue) : optional ? '(none)' : '(required)';
    if (!setting.description) {
      throw new Error(`The setting ${name} has no .describe() in the config schema.`);
    }
    return `| ${[code(name), defaultText, allowed.join(', ') || 'text', setting.description].map(cell).join(' | ')} |`;
  });
  return ['| Variable | Default | Allowed | Meaning |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

/** The document with the table between its markers replaced; the rest stays as written. */
export function withConfigurationTable(markdown: string, table: string): string {
  const start = markdown.indexOf(CONFIG_TABLE_START);
  const end = markdown.indexOf(CONFIG_TABLE_END);
  if (start < 0 || end < start) {
    throw new Error(`The document lacks the markers ${CONFIG_TABLE_START} … ${CONFIG_TABLE_END}.`);
  }
  return `${markdown.slice(0, start + CONFIG_TABLE_START.length)}\n\n${table}\n\n${markdown.slice(end)}`;
}

/** Wraps a description into `# ` comment lines of at most ~100 characters. */
function commentLines(text: string): string[] {
  const lines: string[] = [];
  let line = '#';
  for (const word of text.replace(/`/g, '').split(/\s+/)) {
    if (line.length + word.length + 1 > 100 && line !== '#') {
      lines.push(line);
      line = '#';
    }
    line += ` ${word}`;
  }
  return [...lines, line];
}

/**
 * `.env.example`, from the env schema alone: every setting with its meaning and allowed values,
 * commented out at its default. Secrets are listed empty and never with a default (the
 * development LINK_SECRET must not be copied into a real installation).
 */
export function envExample(schema: z.AnyZodObject, secrets: readonly string[]): string {
  const header = [
    '# nahbar settings. Generated from src/config/config.ts by `npm run docs:config`: do not edit here.',
    '# Copy to .env and adjust; systemd reads it with EnvironmentFile=, compose with env_file:, and',
    '# `node --env-file=.env` reads it directly. A commented-out line is the default.',
    '# Meanings and defaults also in docs/configuration.md.',
  ];
  const blocks = Object.entries(schema.shape as Record<string, z.ZodTypeAny>).map(([name, setting]) => {
    const { defaultValue, optional, allowed } = facts(setting);
    const description = setting.description ?? '';
    const rules = allowed.length > 0 ? [`# Allowed: ${allowed.join(', ').replace(/`/g, '')}`] : [];
    const line = secrets.includes(name)
      ? `${name}=`
      : defaultValue !== undefined
        ? `# ${name}=${plain(defaultValue)}`
        : optional
          ? `# ${name}=`
          : `${name}=`;
    return [...commentLines(description), ...rules, line].join('\n');
  });
  return `${[header.join('\n'), ...blocks].join('\n\n')}\n`;
}
