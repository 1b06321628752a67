// Lint for the whole workspace: typescript-eslint's recommended rules on
// sources and tests; built output and dependencies are ignored. The
// TypeScript sources and tests of every package are also linted with type
// information (each file's nearest tsconfig.json, found by the project
// service), for the promise rules: a promise nobody awaits is how a process
// exits early, hangs, or loses an error (the product's first promise is that
// it never hangs and prints nothing it should not).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Sources and tests of every workspace package: the files with a tsconfig.json. */
const TYPED_FILES = ['{packages,plugins,examples}/*/{src,test}/**/*.ts'];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.turbo/**', '**/coverage/**', '**/.dist-build-*/**', '**/.dist-old-*/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        Buffer: 'readonly',
        AbortController: 'readonly',
        AbortSignal: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  {
    files: TYPED_FILES,
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    // The launcher's bin is CommonJS (packages/launcher/bin/package.json) so
    // that a cache hit never starts Node's ESM loader; so are the .cjs scripts.
    files: ['packages/launcher/bin/**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'readonly', __dirname: 'readonly', __filename: 'readonly', Buffer: 'readonly', process: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
