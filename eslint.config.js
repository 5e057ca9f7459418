import js from '@eslint/js';
import globals from 'globals';
import { dirname, relative, resolve, sep } from 'node:path';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const featuresDir = resolve(import.meta.dirname, 'app', 'features');

/** The feature folder (app/features/<name>/) a file is in, or undefined. */
function featureOf(file) {
  const rel = relative(featuresDir, file);
  if (rel.startsWith('..') || rel === '') return undefined;
  return rel.split(sep)[0];
}

/**
 * Features stay apart: a file of app/features/<a>/ never imports from app/features/<b>/. What two
 * features share lives in shared code (app/lib, app/components, app/wallet); the app's router
 * (app/App.tsx) is the only place that knows every feature.
 */
const featureBoundaries = {
  meta: {
    type: 'problem',
    messages: { cross: "Feature '{{from}}' imports '{{spec}}' from feature '{{to}}': move what both use to app/lib or app/components." },
  },
  create(context) {
    const from = featureOf(context.filename);
    if (!from) return {};
    const check = (node) => {
      const spec = node.source?.value;
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const to = featureOf(resolve(dirname(context.filename), spec));
      if (to && to !== from) context.report({ node: node.source, messageId: 'cross', data: { from, to, spec } });
    };
    return { ImportDeclaration: check, ImportExpression: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
  },
};

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'contracts', 'contracts-abi/abis.ts', 'test-results', 'playwright-report'] },
  {
    files: ['**/*.{ts,tsx}'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks, compartilha: { rules: { 'feature-boundaries': featureBoundaries } } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'compartilha/feature-boundaries': 'error',
    },
  },
);
