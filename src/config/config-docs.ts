import { z } from 'zod';

export const CONFIG_TABLE_START = '<!-- config-table:start -->';
export const CONFIG_TABLE_END = '<!-- config-table:end -->';

interface SettingFacts {
  defaultValue?: unknown;
  optional: boolean;
  allowed: string[];
}

const code = (value: unknown): string => `\`${String(value)}\``;

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
