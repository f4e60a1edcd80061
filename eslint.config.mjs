// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import angular from 'angular-eslint';
import globals from 'globals';

/** Directive and component selectors must carry the project's prefix. */
function selectorRules(/** @type {string} */ prefix) {
  return {
    '@angular-eslint/directive-selector': [
      'error',
      { type: 'attribute', prefix, style: 'camelCase' },
    ],
    '@angular-eslint/component-selector': [
      'error',
      { type: 'element', prefix, style: 'kebab-case' },
    ],
  };
}

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'out-tsc/',
      '.angular/',
      'node_modules/',
      'test-results/',
      'playwright-report/',
    ],
  },
  {
    files: ['**/*.ts'],
    extends: [
      eslint.configs.recommended,
      ...tseslint.configs.recommended,
      ...angular.configs.tsRecommended,
    ],
    processor: angular.processInlineTemplates,
    rules: {
      ...selectorRules('agent'),
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Node-side code: scripts, the server package, the gateway, e2e, deploy tests, the bench.
    files: ['**/*.{js,mjs,cjs}'],
    extends: [eslint.configs.recommended],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
  },
  {
    // The demo app is a separate Angular project with its own selector prefix.
    files: ['projects/demo/**/*.ts'],
    rules: selectorRules('demo'),
  },
  {
    // So is the bench's size app.
    files: ['bench/app-size/app/**/*.ts'],
    rules: selectorRules('bench'),
  },
  {
    files: ['**/*.html'],
    extends: [...angular.configs.templateRecommended, ...angular.configs.templateAccessibility],
  },
);
