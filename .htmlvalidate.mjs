// html-validate configuration for the built site (checked by e2e/html-validity.spec.ts).
// The recommended rules, with these exceptions, each for markup we do not write or for a
// deliberate choice:
export default {
  extends: ['html-validate:recommended'],
  elements: [
    'html5',
    {
      // Expressive Code (Starlight's code blocks) renders each line as a <div> inside <code>,
      // and puts a <div> inside its copy button.
      code: { permittedContent: ['@flow'] },
      button: { permittedContent: ['@phrasing', 'div'] },
    },
  ],
  rules: {
    // KaTeX positions every glyph with inline styles, and our charts colour SVG with theme
    // variables in style attributes (the Content Security Policy allows style attributes).
    'no-inline-style': 'off',
    // Astro writes void elements self-closed (<meta/>); both forms are valid HTML.
    'void-style': 'off',
    // role="list" on a styled <ol> is deliberate: Safari drops list semantics when list-style is none.
    'no-redundant-role': 'off',
    // Starlight's search button and Expressive Code's copy buttons omit type (they are in no form),
    // and the copy button is named by its title. Our islands' buttons are checked for an explicit
    // type by e2e/html-validity.spec.ts, and every button's accessible name by axe.
    'no-implicit-button-type': 'off',
    'text-content': 'off',
    // Starlight's layout has several <aside> and <nav> landmarks named by its own translations.
    'unique-landmark': 'off',
    // Starlight's tabs use role="presentation" (equivalent to role="none").
    'presentation-role-style': 'off',
    // HTML allows ids that start with a digit, such as the heading "1. Statistics of a mini-batch".
    'valid-id': ['error', { relaxed: true }],
  },
};
