/**
 * The HTML of the step-through's result tables and γ/β sliders, built as strings without the DOM so
 * that the build-time render (`set:html`) and the island's script produce exactly the same markup.
 */
import type { AlgorithmSteps } from '../lib/algorithm-steps.ts';
import { significant } from '../lib/display.ts';
import type { Matrix } from '../lib/matrix.ts';
import { escapeHtml } from './html.ts';

/** What each line of Algorithm 1 computes, as the status line names it. */
export const STEP_NAMES = ['mini-batch mean', 'mini-batch variance', 'normalize', 'scale and shift'] as const;

/** The range and default of each slider. */
export const PARAMETERS = {
  gamma: { symbol: 'γ', min: -3, max: 3, step: 0.1, initial: 1 },
  beta: { symbol: 'β', min: -5, max: 5, step: 0.1, initial: 0 },
} as const;

export type Parameter = keyof typeof PARAMETERS;

/** Significant digits of every number in the tables. */
const DIGITS = 6;

/** A number as the tables show it. */
export function formatValue(x: number): string {
  return significant(x, DIGITS);
}

/** A slider's value as shown next to it: one decimal, as the slider steps. */
export function formatParameter(x: number): string {
  return (Object.is(x, -0) ? 0 : x).toFixed(1);
}

function featureHeaders(cols: number): string {
  return Array.from({ length: cols }, (_, j) => `<th scope="col">Feature ${j + 1}</th>`).join('');
}

/** A table wrapped for scrolling on narrow screens, named by its caption. */
function tableHtml(id: string, caption: string, head: string, body: string): string {
  return (
    `<section class="island-table-wrap" tabindex="0" aria-labelledby="${id}-caption">` +
    `<table class="island-table"><caption id="${id}-caption">${caption}</caption>` +
    `<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></section>`
  );
}

/** One value per feature, in a one-row table: μ_B (line 1) or σ²_B (line 2). */
function vectorTable(id: string, caption: string, rowLabel: string, values: Float64Array): string {
  const cells = Array.from(values, (v) => `<td>${escapeHtml(formatValue(v))}</td>`).join('');
  return tableHtml(id, caption, `<td></td>${featureHeaders(values.length)}`, `<tr><th scope="row">${rowLabel}</th>${cells}</tr>`);
}

/** One row per example, one column per feature: x̂ (line 3) or y (line 4). */
function matrixTable(id: string, caption: string, m: Matrix): string {
  const rows = Array.from({ length: m.rows }, (_, i) => {
    const cells = Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols), (v) => `<td>${escapeHtml(formatValue(v))}</td>`).join('');
    return `<tr><th scope="row">${i + 1}</th>${cells}</tr>`;
  }).join('');
  return tableHtml(id, caption, `<th scope="col">Example <i>i</i></th>${featureHeaders(m.cols)}`, rows);
}

const MU = 'μ<sub>B</sub>';
const SIGMA2 = 'σ<sup>2</sup><sub>B</sub>';

/** The result of each line of the algorithm, in order: μ_B, σ²_B, x̂ and y. */
export function stepResultsHtml(steps: AlgorithmSteps, idPrefix: string): [string, string, string, string] {
  const examples = `${steps.xhat.rows} examples`;
  return [
    vectorTable(`${idPrefix}-mean`, `${MU}: the mean of each feature over the ${examples}`, MU, steps.mean),
    vectorTable(`${idPrefix}-variance`, `${SIGMA2}: the variance of each feature, dividing by <i>m</i> = ${steps.xhat.rows}`, SIGMA2, steps.variance),
    matrixTable(`${idPrefix}-xhat`, `x̂<sub><i>i</i></sub>: each value normalized by its feature's ${MU} and ${SIGMA2}`, steps.xhat),
    matrixTable(`${idPrefix}-y`, `<i>y<sub>i</sub></i> = γ x̂<sub><i>i</i></sub> + β, with each feature's γ and β`, steps.y),
  ];
}

/** A labelled γ and β slider for each feature, with its value shown beside it. */
export function slidersHtml(gamma: readonly number[], beta: readonly number[], idPrefix: string, disabled: boolean): string {
  const slider = (name: Parameter, j: number, value: number) => {
    const { symbol, min, max, step } = PARAMETERS[name];
    const id = `${idPrefix}-${name}-${j + 1}`;
    return (
      `<div class="stepper-slider"><label for="${id}">${symbol} for feature ${j + 1}</label>` +
      `<input id="${id}" type="range" min="${min}" max="${max}" step="${step}" value="${value}" data-parameter="${name}" data-feature="${j}"${disabled ? ' disabled' : ''} />` +
      `<span class="stepper-slider-value" data-value-for="${id}" aria-hidden="true">${formatParameter(value)}</span></div>`
    );
  };
  return gamma.map((g, j) => `<div class="stepper-feature">${slider('gamma', j, g)}${slider('beta', j, beta[j])}</div>`).join('');
}
