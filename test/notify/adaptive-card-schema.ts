/**
 * A JSON Schema (draft-07) for the part of Adaptive Cards 1.4 that Backlash's Teams card uses,
 * written for this project from the Adaptive Cards 1.4 reference: the same rules as the official
 * schema for these elements (the properties each may have and nothing else, required properties,
 * the enumerations, matched case-insensitively as hosts do). It does not know `msteams`: that is
 * Teams' documented host extension (`msteams.width: "Full"`), not part of Adaptive Cards.
 */
/** One of these values, in any case ("Bolder" as well as "bolder"), as hosts read them. */
const ci = (...values: string[]) => ({
  type: 'string',
  pattern: `^(${values.map((v) => [...v].map((ch) => (/[a-z]/i.test(ch) ? `[${ch.toLowerCase()}${ch.toUpperCase()}]` : ch)).join('')).join('|')})$`,
});

/** Properties every element may carry (the spec's Element and ToggleableItem). */
const ELEMENT_COMMON = {
  id: { type: 'string' },
  isVisible: { type: 'boolean' },
  separator: { type: 'boolean' },
  spacing: ci('default', 'none', 'small', 'medium', 'large', 'extraLarge', 'padding'),
  height: ci('auto', 'stretch'),
  requires: { type: 'object', additionalProperties: { type: 'string' } },
  fallback: {},
};

export const ADAPTIVE_CARD_14_SUBSET = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $ref: '#/definitions/AdaptiveCard',
  definitions: {
    AdaptiveCard: {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'version'],
      properties: {
        type: { const: 'AdaptiveCard' },
        version: { type: 'string', pattern: '^1\\.[0-4]$' },
        $schema: { type: 'string', format: 'uri' },
        body: { type: 'array', items: { $ref: '#/definitions/Element' } },
        actions: { type: 'array', items: { $ref: '#/definitions/Action.OpenUrl' } },
        selectAction: { $ref: '#/definitions/Action.OpenUrl' },
        fallbackText: { type: 'string' },
        speak: { type: 'string' },
        lang: { type: 'string' },
        minHeight: { type: 'string' },
        verticalContentAlignment: ci('top', 'center', 'bottom'),
      },
    },
    Element: {
      type: 'object',
      required: ['type'],
      properties: { type: { enum: ['TextBlock', 'FactSet', 'Container'] } },
      allOf: [
        { if: { properties: { type: { const: 'TextBlock' } } }, then: { $ref: '#/definitions/TextBlock' } },
        { if: { properties: { type: { const: 'FactSet' } } }, then: { $ref: '#/definitions/FactSet' } },
        { if: { properties: { type: { const: 'Container' } } }, then: { $ref: '#/definitions/Container' } },
      ],
    },
    TextBlock: {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'text'],
      properties: {
        type: { const: 'TextBlock' },
        text: { type: 'string' },
        color: ci('default', 'dark', 'light', 'accent', 'good', 'warning', 'attention'),
        fontType: ci('default', 'monospace'),
        horizontalAlignment: ci('left', 'center', 'right'),
        isSubtle: { type: 'boolean' },
        maxLines: { type: 'number' },
        size: ci('default', 'small', 'medium', 'large', 'extraLarge'),
        weight: ci('default', 'lighter', 'bolder'),
        wrap: { type: 'boolean' },
        ...ELEMENT_COMMON,
      },
    },
    FactSet: {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'facts'],
      properties: {
        type: { const: 'FactSet' },
        facts: { type: 'array', items: { type: 'object', additionalProperties: false, required: ['title', 'value'], properties: { type: { const: 'Fact' }, title: { type: 'string' }, value: { type: 'string' } } } },
        ...ELEMENT_COMMON,
      },
    },
    Container: {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'items'],
      properties: {
        type: { const: 'Container' },
        items: { type: 'array', items: { $ref: '#/definitions/Element' } },
        selectAction: { $ref: '#/definitions/Action.OpenUrl' },
        style: { anyOf: [ci('default', 'emphasis', 'good', 'attention', 'warning', 'accent'), { type: 'null' }] },
        verticalContentAlignment: ci('top', 'center', 'bottom'),
        bleed: { type: 'boolean' },
        minHeight: { type: 'string' },
        ...ELEMENT_COMMON,
      },
    },
    'Action.OpenUrl': {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'url'],
      properties: {
        type: { const: 'Action.OpenUrl' },
        url: { type: 'string', format: 'uri-reference' },
        title: { type: 'string' },
        iconUrl: { type: 'string', format: 'uri-reference' },
        style: ci('default', 'positive', 'destructive'),
        id: { type: 'string' },
        fallback: {},
        requires: { type: 'object', additionalProperties: { type: 'string' } },
      },
    },
  },
} as const;
