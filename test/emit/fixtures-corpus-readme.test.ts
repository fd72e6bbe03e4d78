// Issue 16's measure for the ReadMe pages alone: 10,000 arbitrary values per object pass is…Strict and ajv.compile
// (exact multipleOf), 10,000 invalid ones fail with exactly the rule they name (see fixtures-corpus.ts).
import { corpusPages, corpusSuite } from './fixtures-corpus.js';

corpusSuite("fixtures of the ReadMe pages alone", () => ({ pages: corpusPages('readme') }), 12, 'fixtures-readme');
