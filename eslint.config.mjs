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
    },
  },
];
