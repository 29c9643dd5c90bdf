// Typed lint rules plus the layer boundaries from docs/architecture (dependencies point down only).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const sdk = { group: ['@aws-sdk/*', '@smithy/*'], message: 'only src/aws may import the AWS SDK' };
const react = { group: ['react', 'ink', 'ink-*', 'react/*'], message: 'this layer has no React' };
const app = (layers) => ({
  group: layers.map((l) => `**/${l}/**`),
  message: `this layer may not import ${layers.join(', ')}`,
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bench-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': 'error',
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/aws/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [sdk] }] },
  },
  {
    files: ['src/sim/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            sdk,
            react,
            app([
              'app',
              'screens',
              'components',
              'hooks',
              'keys',
              'state',
              'deploy',
              'present',
              'cli',
              'aws',
            ]),
          ],
        },
      ],
    },
  },
  {
    files: ['src/deploy/**', 'src/state/**', 'src/present/**', 'src/audit/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [sdk, react, app(['app', 'screens', 'components', 'hooks', 'sim', 'cli'])] },
      ],
    },
  },
  {
    files: ['src/aws/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            react,
            app([
              'app',
              'screens',
              'components',
              'hooks',
              'sim',
              'cli',
              'deploy',
              'state',
              'present',
            ]),
          ],
        },
      ],
    },
  },
  {
    files: ['test/**', 'src/**/*.test.{ts,tsx}', 'scripts/**'],
    rules: {
      'no-restricted-imports': 'off',
      'no-console': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: globals.node,
    },
  },
);
