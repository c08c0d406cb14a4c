import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import r3f from '@react-three/eslint-plugin'
import globals from 'globals'

const NO_UI = [
  {
    group: ['react', 'react/*', 'react-dom', 'react-dom/*'],
    message: 'core/tracking stay free of React',
  },
  {
    group: ['three', 'three/*', '@react-three/*', '@pmndrs/*'],
    message: 'core/tracking stay free of three.js',
  },
  { group: ['zustand', 'zustand/*'], message: 'core/tracking hold no stores' },
  {
    group: ['**/app/**', '**/scenes/**', '**/avatar/**', '**/services/**'],
    message: 'dependencies point inward',
  },
]

export default tseslint.config(
  {
    // dist-*/ and test-results-*/ are the per-person build and report folders (OUT_DIR).
    ignores: [
      'dist',
      'dist-*',
      'node_modules',
      'public',
      'coverage',
      'test-results',
      'test-results-*',
      'playwright-report',
      'tests/e2e/scratch',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks, '@react-three': r3f },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      '@react-three/no-clone-in-loop': 'error',
      '@react-three/no-new-in-loop': 'error',
    },
  },
  {
    // Pure core: no React, no three, no DOM. Runs in Node for the CLI and tests.
    files: ['src/core/**/*.ts'],
    languageOptions: { globals: { ...globals.es2022 } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...NO_UI,
            { group: ['**/tracking/**'], message: 'core imports nothing of tracking' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'navigator',
        'localStorage',
        'indexedDB',
      ],
    },
  },
  {
    // Tracking: WebXR DOM types are fine, nothing of React, three or stores.
    files: ['src/tracking/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: NO_UI }] },
  },
  {
    // Scenes and the avatar draw what core computes and services hold: nothing of the DOM shell.
    files: ['src/scenes/**/*.{ts,tsx}', 'src/avatar/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/app/**'], message: 'scenes and avatar import nothing from app' },
          ],
        },
      ],
    },
  },
  {
    // Services sit between the shell and the scenes: they import neither.
    files: ['src/services/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/app/**', '**/scenes/**', '**/avatar/**'],
              message: 'services import nothing from app, scenes or avatar',
            },
          ],
        },
      ],
    },
  },
)
