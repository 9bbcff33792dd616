// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

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
    // The matching engine stays framework-free: pure functions, unit-testable without Nest or a database.
    files: ['src/**/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@nestjs/*', 'typeorm', 'bullmq', 'ioredis', 'nodemailer', 'pg'], message: 'domain code is framework-free' },
            { group: ['../*', '!../domain/*'], message: 'domain code imports only other domain code' },
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
