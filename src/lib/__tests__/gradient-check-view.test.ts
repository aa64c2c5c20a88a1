import { escapeHtml } from '../../components/html.ts';
// The gradient check island's markup (src/components/gradient-check-view.ts), built from the library's results.
import { describe, expect, it } from 'vitest';
import { entryName, formatError, formatGradient, gradientCheckHtml, verdictSummary, verdictText } from '../../components/gradient-check-view.ts';
import { DEFAULT_SETTINGS, gradientCheck, type GradientCheckSettings } from '../gradient-check.ts';

const check = (changes: Partial<GradientCheckSettings>) => gradientCheck({ ...DEFAULT_SETTINGS, ...changes });
const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;

describe('formatting', () => {
  it('escapes text for HTML', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('shows gradients with 10 significant digits and errors with 2', () => {
    expect(formatGradient(-0.4987126466123)).toBe('-0.4987126466');
    expect(formatGradient(1.834401836e-7)).toBe('1.834401836e-7');
    expect(formatError(5.7123e-9)).toBe('5.7e-9');
    expect(formatError(0.068)).toBe('6.8e-2');
    expect(formatError(0)).toBe('0');
  });

  it('names entries with NumPy indices', () => {
    expect(entryName('dx', { example: 2, feature: 0, analytic: 0, numerical: 0, relativeError: 0 })).toBe('∂L/∂x[2, 0]');
    expect(entryName('dgamma', { example: null, feature: 1, analytic: 0, numerical: 0, relativeError: 0 })).toBe('∂L/∂γ[1]');
  });
});

describe('verdict', () => {
  it('says the backward pass agrees for the defaults', () => {
    const result = check({});
    expect(verdictText(result)).toMatch(/^Max relative error \d\.\de-\d+, at ∂L\/∂[xγβ]\[[\d, ]+\]: below 1e-6, the backward pass agrees\.$/);
    expect(verdictSummary(result)).toMatch(/^max relative error \S+: the backward pass agrees\.$/);
  });

  it('blames a large step on truncation, a tiny one on rounding, each with the default step’s result', () => {
    expect(verdictText(check({ step: 0.1 }))).toMatch(/above 1e-6\. The step h = 0\.1 is large, .*truncation error of order h².*With h = 1e-5, the same batch gives \d\.\de-\d+\.$/);
    expect(verdictText(check({ step: 1e-12 }))).toMatch(/The step h = 1e-12 is so small .*rounding error.*With h = 1e-5/);
    expect(verdictSummary(check({ step: 0.1 }))).toBe('max relative error 6.8e-2, above 1e-6: see why below.');
  });

  it('explains a gradient near zero, and why m = 2 gives one', () => {
    const text = verdictText(check({ batch: 2, eps: 0 }));
    expect(text).toMatch(/There the gradient is nearly zero .* the backward pass is not at fault\. With m = 2, each feature normalizes to ±√\(σ²\/\(σ² \+ ε\)\) whatever x is/);
  });
});

describe('gradientCheckHtml', () => {
  it('renders a table per gradient with a row per entry', () => {
    const html = gradientCheckHtml(check({ batch: 5, features: 2 }), 'gc');
    expect(count(html, /<table /g)).toBe(3);
    expect(count(html, /<tr>|<tr class/g)).toBe(3 + 10 + 2 + 2); // header rows, then entries
    for (const name of ['dx', 'dgamma', 'dbeta']) {
      expect(html).toContain(`<p class="gc-caption" id="gc-${name}-caption">`);
      expect(html).toContain(`<section class="island-table-wrap" tabindex="0" aria-labelledby="gc-${name}-caption"`);
    }
    expect(html).toContain('∂L/∂x: 5 × 2 = 10 entries');
    expect(html).toContain('data-verdict="agrees"');
    expect(html).not.toContain('gc-above');
    expect(html).toContain('Train mode:');
  });

  it('marks entries above the threshold with a symbol, bold type and words for screen readers', () => {
    const html = gradientCheckHtml(check({ step: 0.1 }), 'gc');
    expect(html).toContain('data-verdict="warning"');
    expect(count(html, /class="gc-above"/g)).toBe(12);
    expect(count(html, /<span class="sr-only"> \(at or above 1e-6\)<\/span>/g)).toBe(12);
  });

  it('in eval mode shows the running statistics', () => {
    const result = check({ mode: 'eval' });
    const html = gradientCheckHtml(result, 'gc');
    expect(html).toContain('Eval mode: the layer first trained on 8 seeded batches');
    expect(html).toMatch(/running mean \([-\d.e]+, [-\d.e]+, [-\d.e]+\) and running variance/);
  });
});
