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
        'x-openEnum': true,
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

describe('page variants in the same family', () => {
  it('Mintlify <ResponseField> inside <Accordion> wrappers, object[] items, an inline example', async () => {
    const doc = await extractText(
      page(`<AccordionGroup>
<Accordion title="Fields">
<ResponseField name="kind" type="string" required>
  Kind. Possible values: \`A\`, \`B\` or \`C\`.
</ResponseField>
<ResponseField name="items" type="object[]">
  Items.
  <Expandable title="item">
    <ResponseField name="qty" type="number">
      Quantity (multiple of 0.01). Example: 1.25
    </ResponseField>
  </Expandable>
</ResponseField>
</Accordion>
</AccordionGroup>`),
      'gadget.mdx',
    );
    expect(doc.schema.required).toEqual(['kind']);
    expect(doc.schema.properties).toEqual({
      kind: { description: 'Kind. Possible values: `A`, `B` or `C`.', type: 'string', enum: ['A', 'B', 'C'], 'x-openEnum': true },
      items: {
        description: 'Items.',
        type: 'array',
        items: { type: 'object', properties: { qty: { description: 'Quantity (multiple of 0.01).', type: 'number', multipleOf: 0.01, examples: [1.25] } } },
      },
    });
  });

  it('ReadMe HTML in upper case, <br> without a slash, <b><code> headings and a <details> without class', async () => {
    const text = `---\ntitle: The Widget Object\n---\nWidgets.\n\n<HTMLBlock>{\`
<div class="yuno">
  <P><STRONG><CODE>id</CODE></STRONG> <SMALL>String</SMALL> <em>required</em>
  <br>The id (Max. 64; Min. 36).<br>
  <small>Example: "a"</small></P>
  <p><strong><code>size</code></strong> <small>integer | null</small><br>Size.<br><small>Example: 12.</small></p>
</div>
<details>
  <summary><b><code>parts</code></b> <small>Array of objects</small><br/><p>The parts.</p></summary>
  <div><p><strong><code>name</code></strong> <small>string</small><br/>Name (MAX 10).<br/><small>Example: bolt</small></p></div>
</details>
\`}</HTMLBlock>\n`;
    const doc = await extractText(text, 'widget.md');
    expect(doc.schema.required).toEqual(['id']);
    expect(doc.schema.properties).toEqual({
      // The page's example "a" breaks its own MIN 36: it is evidence, the bound is widened and the disagreement kept.
      id: {
        description: 'The id (Max. 64; Min. 36).',
        type: 'string',
        minLength: 1,
        maxLength: 64,
        examples: ['a'],
        'x-reconciled': [{ rule: 'bounds', page: 'MIN 36 (line 8)', api: '"a" (1 character)', result: 'minLength 1', count: 1, evidence: ["widget.md line 8 (the page's example)"] }],
      },
      size: { description: 'Size.', type: ['integer', 'null'], examples: [12] },
      parts: {
        description: 'The parts.',
        type: 'array',
        items: { type: 'object', properties: { name: { description: 'Name (MAX 10).', type: 'string', maxLength: 10, examples: ['bolt'] } } },
      },
    });
  });
});
