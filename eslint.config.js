import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const electronBan = {
  'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Electron APIs belong in electron/main or electron/preload.' }] }],
};

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.cache/**', 'artifacts/**', 'renderer/public/**'] },
  js.configs.recommended,
  // Type-aware: a promise nobody awaits or handles (no-floating-promises) and a promise where a plain
  // value is expected (no-misused-promises: an async event handler, an `if (promise)`) are errors.
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // node:test's test/describe/it return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': ['error', { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'it', 'describe', 'suite', 'before', 'after', 'beforeEach', 'afterEach'] }] }],
      '@typescript-eslint/no-misused-promises': 'error',
      // An async function without await is deliberate here: an API method throws as a rejection.
      '@typescript-eslint/require-await': 'off',
      'no-restricted-imports': 'off',
    },
  },
  {
    // Plain JavaScript (bin, build scripts, the boot script) is not type-checked.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
  {
    // The core, the CLI and web mode must run in plain Node: Electron lives only in main/ and preload/.
    files: ['electron/core/**/*.ts', 'electron/cli/**/*.ts', 'electron/web/**/*.ts'],
    rules: electronBan,
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    // The renderer's own program (DOM types): tests importing renderer modules would otherwise lend it the root's.
    languageOptions: { globals: { ...globals.browser }, parserOptions: { projectService: false, project: ['./renderer/tsconfig.json'] } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs['recommended-latest'].rules, 'react-hooks/exhaustive-deps': 'error' },
  },
);
