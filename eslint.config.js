// `npm run lint`: the conventions of ARCHITECTURE.md that a tool can keep, so that they do not depend
// on memory. Formatting is Prettier's job (`npm run format`), not ESLint's.
import tseslint from 'typescript-eslint';
import { runtimeBoundary } from './eslint/runtime-boundary.js';

const backlash = { rules: { 'runtime-boundary': runtimeBoundary } };

// Time comes from the context: ctx.clock (the service's, faster in the demo, simulated in replay) or
// ctx.wallClock (sessions, throttling, signatures). Only the runtime's own files read the system
// clock, plus util/clock.ts (which is that clock) and the browser's scripts (the browser's clock).
const WALL_CLOCK = [
  { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'no Date.now() in the core: use ctx.clock.now(), or wallClockOf(ctx).now() for wall-clock time' },
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'no new Date() in the core: use ctx.clock.now(), or wallClockOf(ctx).now() for wall-clock time' },
];
const NO_QUERIES = {
  selector: 'CallExpression[callee.property.name=/^(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto|selectNoFrom|transaction)$/]',
  message: 'no kysely queries in routes, pages or read models: call a function in src/store/queries/ (or the stage that owns the table)',
};
const OWN_CLOCK = ['src/entry/**', 'src/cli/**', 'src/util/clock.ts', 'src/util/log.ts', 'src/http/client/**'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'src/http/assets/generated/**', 'data/**'] },
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs'],
    languageOptions: { parser: tseslint.parser, ecmaVersion: 2023, sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { backlash },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'backlash/runtime-boundary': 'error',
      // Every line counts, comments and blank lines included, so the figure is the one `wc -l` shows
      // (the floor: no file under src/ over 300 lines). Split before 300.
      'max-lines': ['error', { max: 300, skipBlankLines: false, skipComments: false }],
      // Code lines only: a function's doc comment and its spacing never push it over.
      'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true, IIFEs: true }],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: OWN_CLOCK,
    rules: { 'no-restricted-syntax': ['error', ...WALL_CLOCK] },
  },
  {
    // Routes, pages and the read models behind them (src/http/, and all of src/cx/: the CX views'
    // *-query.ts, the weekly report, its digest, the export and the classification scan) call the
    // data-access layer by name (src/store/queries/, or the stage that owns the table); they build
    // no kysely query themselves.
    files: ['src/http/**/*.ts', 'src/cx/**/*.ts'],
    ignores: ['src/http/client/**'], // browser code: it imports no database layer at all (below)
    rules: {
      // the wall-clock selectors again: a later block's options replace an earlier one's
      'no-restricted-syntax': ['error', NO_QUERIES, ...WALL_CLOCK],
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'kysely', allowTypeImports: true, message: 'no kysely queries in routes, pages or read models: call a function in src/store/queries/' }] },
      ],
    },
  },
  {
    // Browser code, and the components it shares with the server, are bundled for the page: they
    // import each other and types only, so no server package (or its weight) reaches the browser.
    files: ['src/http/client/**/*.ts', 'src/http/views/tree.ts', 'src/http/views/format.ts', 'src/http/views/revolt-card.ts', 'src/http/views/case-row.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!(\\./|\\.\\./views/)(dom|tree|format|revolt-card|case-row)\\.js$|uplot$)',
              allowTypeImports: true,
              message: 'browser code imports only its own modules (and types): it is bundled into the page',
            },
          ],
        },
      ],
    },
  },
  {
    // A migration is one ordered list of DDL statements and is never edited once it has shipped
    // (README: "never edit one that has shipped"), so splitting its up() would only rewrite history.
    files: ['src/store/migrations/*.ts'],
    rules: { 'max-lines-per-function': 'off' },
  },
);
