import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { format, formatText } from '../../generators/format.js';

describe('formatText: the one whitespace rule of out/', () => {
  it.each([
    ['', '\n'],
    ['   \t ', '\n'],
    ['a', 'a\n'],
    ['a\n\n\n', 'a\n'],
    ['a  \t\nb\t\n', 'a\nb\n'],
    ['a\r\nb\rc\r\n', 'a\nb\nc\n'],
    ['a \r\n  \r\n\r\n', 'a\n'],
    ['  indented\n\tkept\n', '  indented\n\tkept\n'],
    ['x = "a  b";   \n  \n}', 'x = "a  b";\n\n}\n'],
    ['last line  ', 'last line\n'],
    ['a\u00a0\n', 'a\u00a0\n'],
  ])('%j → %j', (input, expected) => {
    expect(formatText(input)).toBe(expected);
  });

  it('means: CR and CRLF become LF, each line loses its trailing spaces and tabs, trailing empty lines go, one final LF', () => {
    const byLine = (text: string): string => {
      const lines = text.replace(/\r\n?/g, '\n').split('\n').map((l) => l.replace(/[ \t]+$/, ''));
      while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
      return `${lines.join('\n')}\n`;
    };
    const text = fc.array(fc.constantFrom(' ', '\t', '\r', '\n', 'a', '\u00a0', '\v', '\u2028'), { maxLength: 24 }).map((c) => c.join(''));
    fc.assert(fc.property(text, (t) => formatText(t) === byLine(t)), { numRuns: 20_000 });
  });

  it('is linear on long runs of blanks that do not end a line (a quadratic scan would take minutes here)', () => {
    const line = `${' '.repeat(300_000)}x`;
    expect(formatText(`${line}\n${line}  \n`)).toBe(`${line}\n${line}\n`);
  });

  it('sorts files by path in code-unit order, whatever the locale', () => {
    const files = format([
      { path: 'b.ts', contents: 'b' },
      { path: 'B.ts', contents: 'B  ' },
      { path: 'a/z.md', contents: 'z' },
    ]);
    expect(files).toEqual([
      { path: 'B.ts', contents: 'B\n' },
      { path: 'a/z.md', contents: 'z\n' },
      { path: 'b.ts', contents: 'b\n' },
    ]);
  });
});
