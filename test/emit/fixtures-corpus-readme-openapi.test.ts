// Issue 16's measure for the ReadMe pages reconciled with Yuno's OpenAPI files: 10,000 arbitrary values per object pass is…Strict and ajv.compile
// (exact multipleOf), 10,000 invalid ones fail with exactly the rule they name (see fixtures-corpus.ts).
import { corpusOpenApi, corpusPages, corpusSuite } from './fixtures-corpus.js';

corpusSuite("fixtures of the ReadMe pages reconciled with Yuno's OpenAPI files", () => ({ pages: corpusPages('readme'), openapi: corpusOpenApi() }), 12, 'fixtures-readme-openapi');
