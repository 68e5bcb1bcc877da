// The dashboard's compatibility lint (bin/lint-dashboard; ./mvnw verify runs it). The vendor guide promises Safari 13
// or later and Chrome: Safari 13.0 parses ES2019 and no later (one `?.` or `??` is a parse error that stops the whole
// module graph, so the page does not load at all), and eslint-plugin-compat holds the browser APIs we call
// (structuredClone, navigator.clipboard, String.replaceAll, ...) to the browserslist in package.json: safari >= 13,
// chrome >= 80, firefox esr. An API used behind a feature test (`if (navigator.clipboard)`) passes.
import compat from 'eslint-plugin-compat';
import globals from 'globals';

export default [
  { ignores: ['target/**', 'node_modules/**'] },
  {
    files: ['src/main/resources/META-INF/resources/ui/**/*.js'],
    plugins: { compat },
    languageOptions: {
      ecmaVersion: 2019,
      sourceType: 'module',
      globals: globals.browser,
    },
    rules: {
      'compat/compat': 'error',
      'no-undef': 'error',
      // what eslint-plugin-compat's data misses (found by hand): refused by name. `.at()` is left out: the name is
      // also a data field here (a delivery attempt's `at`).
      'no-restricted-properties': ['error',
        { property: 'replaceChildren', message: 'Safari 14 / Chrome 86: use replaceChildren() from dom.js' },
        { property: 'findLast', message: 'Safari 15.4' },
        { property: 'findLastIndex', message: 'Safari 15.4' },
        { property: 'toSorted', message: 'Safari 16' },
        { property: 'toReversed', message: 'Safari 16' },
        { object: 'Object', property: 'hasOwn', message: 'Safari 15.4' },
        { object: 'Promise', property: 'any', message: 'Safari 14' }],
    },
  },
];
