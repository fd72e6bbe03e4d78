// Issue 16's measure for the Mintlify pages reconciled with Yuno's OpenAPI files: 10,000 arbitrary values per object pass is…Strict and ajv.compile
// (exact multipleOf), 10,000 invalid ones fail with exactly the rule they name (see fixtures-corpus.ts).
import { corpusOpenApi, corpusPages, corpusSuite } from './fixtures-corpus.js';

corpusSuite("fixtures of the Mintlify pages reconciled with Yuno's OpenAPI files", () => ({ pages: corpusPages('mintlify'), openapi: corpusOpenApi() }), 11, 'fixtures-mintlify-openapi');
