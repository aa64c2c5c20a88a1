/**
 * The playground's code editor: CodeMirror 6 with TypeScript highlighting and line numbers,
 * coloured with Starlight's variables so that it follows the site's light and dark themes. Tab is
 * left to the browser, so it moves focus on from the editor as everywhere else on the page
 * (indenting is Ctrl+] and Ctrl+[); Ctrl+Enter (⌘+Enter) runs the code.
 */
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { typescriptLanguage } from '@codemirror/lang-javascript';
import { bracketMatching, HighlightStyle, indentOnInput, LanguageSupport, syntaxHighlighting } from '@codemirror/language';
import { EditorState, StateEffect, StateField } from '@codemirror/state';
import { Decoration, drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers, type DecorationSet } from '@codemirror/view';
import { tags } from '@lezer/highlight';

export interface PlaygroundEditor {
  readonly code: string;
  setCode(code: string): void;
  /** Marks the line (from 1) where an error happened, or clears the mark. */
  markErrorLine(line: number | null): void;
  focus(): void;
  destroy(): void;
}

export interface EditorOptions {
  code: string;
  /** The editor's accessible name. */
  label: string;
  /** Ids of the text that describes the editor (the keys it uses). */
  describedBy: string;
  /** Wrap long lines, as the listing did. */
  wrap: boolean;
  onChange: (code: string) => void;
  onRun: () => void;
}

/** Syntax colours: CSS variables set by Playground.astro from Starlight's palette, in both themes. */
const highlightStyle = HighlightStyle.define([
  { tag: [tags.keyword, tags.controlKeyword, tags.moduleKeyword, tags.definitionKeyword, tags.operatorKeyword, tags.modifier, tags.self], color: 'var(--pg-keyword)' },
  { tag: [tags.string, tags.special(tags.string), tags.regexp], color: 'var(--pg-string)' },
  { tag: [tags.number, tags.bool, tags.null, tags.atom], color: 'var(--pg-number)' },
  { tag: [tags.function(tags.variableName), tags.function(tags.propertyName), tags.function(tags.definition(tags.variableName))], color: 'var(--pg-function)' },
  { tag: [tags.typeName, tags.className, tags.namespace], color: 'var(--pg-type)' },
  { tag: [tags.comment, tags.lineComment, tags.blockComment, tags.docComment], color: 'var(--pg-comment)', fontStyle: 'italic' },
]);

const theme = EditorView.theme({
  '&': {
    color: 'var(--sl-color-white)',
    backgroundColor: 'var(--sl-color-gray-6)',
    border: '1px solid var(--sl-color-gray-5)',
    borderRadius: '0.25rem',
    fontSize: 'var(--sl-text-code)',
  },
  '&.cm-focused': { outline: '2px solid var(--sl-color-text-accent)', outlineOffset: '1px' },
  '.cm-scroller': { fontFamily: 'var(--__sl-font-mono)', lineHeight: '1.65' },
  '.cm-content': { caretColor: 'var(--sl-color-white)', padding: '0.75rem 0' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--sl-color-white)' },
  '.cm-gutters': { backgroundColor: 'var(--sl-color-gray-6)', color: 'var(--sl-color-gray-2)', border: 'none', borderRight: '1px solid var(--sl-color-gray-5)' },
  '.cm-activeLine': { backgroundColor: 'transparent', boxShadow: 'inset 3px 0 0 var(--sl-color-gray-4)' },
  '.cm-activeLineGutter': { backgroundColor: 'transparent', color: 'var(--sl-color-white)' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection': {
    backgroundColor: 'var(--sl-color-accent-low)',
  },
  '.cm-matchingBracket': { backgroundColor: 'transparent', outline: '1px solid var(--sl-color-gray-3)' },
  '.cm-line.pg-error-line': { backgroundColor: 'var(--sl-color-red-low)', boxShadow: 'inset 3px 0 0 var(--sl-color-red)' },
});

const setErrorLine = StateEffect.define<number | null>();

/** The marked error line, cleared as soon as the code changes. */
const errorLine = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(marks, transaction) {
    let next = transaction.docChanged ? Decoration.none : marks;
    for (const effect of transaction.effects) {
      if (!effect.is(setErrorLine)) continue;
      const line = effect.value;
      next = line !== null && line >= 1 && line <= transaction.state.doc.lines
        ? Decoration.set([Decoration.line({ class: 'pg-error-line' }).range(transaction.state.doc.line(line).from)])
        : Decoration.none;
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

export function createEditor(parent: HTMLElement, options: EditorOptions): PlaygroundEditor {
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: options.code,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightActiveLine(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        new LanguageSupport(typescriptLanguage),
        syntaxHighlighting(highlightStyle),
        errorLine,
        theme,
        options.wrap ? EditorView.lineWrapping : [],
        keymap.of([
          { key: 'Mod-Enter', run: () => (options.onRun(), true) },
          ...defaultKeymap,
          ...historyKeymap,
        ]),
        EditorView.contentAttributes.of({ 'aria-label': options.label, 'aria-describedby': options.describedBy }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) options.onChange(update.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    get code() {
      return view.state.doc.toString();
    },
    setCode(code: string) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: code } });
    },
    markErrorLine(line: number | null) {
      view.dispatch({ effects: setErrorLine.of(line) });
      if (line !== null && line >= 1 && line <= view.state.doc.lines) {
        view.dispatch({ effects: EditorView.scrollIntoView(view.state.doc.line(line).from, { y: 'nearest' }) });
      }
    },
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}
