// Mintlify pages: <ParamField> entries, <Expandable> nesting, Markdown lists as enums.
import { describe, expect, it } from 'vitest';
import { extractText } from './helpers.js';

const page = (body: string): string => `---\ntitle: "The Widget Object"\n---\n\nThis object represents a widget.\n\n${body}\n`;

describe('Mintlify pages', () => {
  it('reads fields, nesting, lists, requiredness and examples', async () => {
    const doc = await extractText(
      page(`<ParamField body="id*" type="string">
  The widget id (MAX 64; MIN 36).

  Example: 9104911d-5df9-429e-8488-ad41abea1a4b
</ParamField>

<ParamField body="kind" type="enum">
  Possible enum values:

  - \`SMALL\`: A small widget.
  - \`LARGE\`: A large
    widget.
</ParamField>

<ParamField body="size" type="object">
  The size.

  <Expandable title="properties">
    <ParamField body="width" type="int" required>
      Width in mm.

      Example: 3
    </ParamField>
    <ParamField body="unit" type="string | null" />
  </Expandable>
</ParamField>`),
      'widget.mdx',
    );
    expect(doc.name).toBe('Widget');
    expect(doc.schema.description).toBe('This object represents a widget.');
    expect(doc.schema.required).toEqual(['id']);
    expect(doc.schema.properties).toEqual({
      id: { description: 'The widget id (MAX 64; MIN 36).', type: 'string', minLength: 36, maxLength: 64, examples: ['9104911d-5df9-429e-8488-ad41abea1a4b'] },
      kind: {
        description: 'Possible enum values:',
        type: 'string',
        enum: ['SMALL', 'LARGE'],
        'x-enumDescriptions': { SMALL: 'A small widget.', LARGE: 'A large widget.' },
      },
      size: {
        description: 'The size.',
        type: 'object',
        properties: {
          width: { description: 'Width in mm.', type: 'integer', examples: [3] },
          unit: { type: ['string', 'null'] },
        },
        required: ['width'],
      },
    });
  });

  it('gives the same schema as the ReadMe format for the same words', async () => {
    const mdx = await extractText(
      page('<ParamField body="code" type="string">\n  The code (MAX 3; MIN 3; <a href="/reference/country-reference">ISO 4217</a> ).\n\n  Example: COP\n</ParamField>'),
      'widget.mdx',
    );
    const html = await extractText(
      '---\ntitle: The Widget Object\n---\nThis object represents a widget.\n\n<HTMLBlock>{`\n<div class="yuno"><p><strong><code>code</code></strong> <small>string</small>\n<br/>The code (MAX 3; MIN 3; <a href="country-reference">ISO 4217</a>).\n<br/><small> Example: COP </small></p></div>\n`}</HTMLBlock>\n',
      'widget.md',
    );
    expect(mdx.schema).toEqual(html.schema);
  });
});
