// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Packages that tie code to a framework, a database or a transport. */
const FRAMEWORKS = ['@nestjs/*', 'typeorm', 'bullmq', 'ioredis', 'nodemailer', 'pg', 'express', 'class-validator', 'class-transformer'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'var/**', '*.js', '*.mjs'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      curly: 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Nest decorators and class-transformer need classes whose members TypeScript cannot see used.
      '@typescript-eslint/no-extraneous-class': 'off',
    },
  },
  {
    // Views escape everything; raw markup only through the one named helper in src/web/shell/raw-html.tsx.
    files: ['src/**/*.tsx'],
    ignores: ['src/web/shell/raw-html.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'raw HTML only through InlineStyle/TrustedHtml in src/web/shell/raw-html.tsx',
        },
      ],
    },
  },
  {
    // Domain code (the matching engine above all) stays framework-free: pure functions,
    // unit-testable without Nest or a database. Besides its own folder it may use src/shared.
    files: ['src/**/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: FRAMEWORKS, message: 'domain code is framework-free' },
            {
              regex: String.raw`^\.\./(?!\.\./shared/|domain/)`,
              message: 'domain code imports only other domain code and src/shared',
            },
          ],
        },
      ],
    },
  },
  {
    // Vocabulary several features share (schedules, Berlin time, signed links): framework-free and
    // self-contained, so any layer may import it without pulling a feature along.
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: FRAMEWORKS, message: 'src/shared is framework-free' },
            { regex: String.raw`^\.\./`, message: 'src/shared imports only other src/shared files' },
          ],
        },
      ],
    },
  },
  {
    // Tests read JSON responses whose shape they assert, so `any` from response bodies is expected there.
    files: ['test/**/*.ts', 'src/**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
