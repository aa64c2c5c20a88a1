/**
 * The gradient check's output as an HTML string: the verdict, a note on the mode, and a table per
 * gradient. One DOM-free function serves the build-time render (`set:html`) and the island.
 */
import { significant } from '../lib/display.ts';
import {
  AGREEMENT_THRESHOLD,
  DEFAULT_SETTINGS,
  WARMUP_BATCHES,
  formatSetting,
  gradientScale,
  type GradientCheckResult,
  type GradientEntry,
  type GradientName,
  type GradientTable,
} from '../lib/gradient-check.ts';
import { escapeHtml } from './html.ts';

const SYMBOLS: Record<GradientName, string> = { dx: '∂L/∂x', dgamma: '∂L/∂γ', dbeta: '∂L/∂β' };

/** A gradient with 10 significant digits, enough to see where the two columns part. */
export function formatGradient(x: number): string {
  return significant(x, 10);
}

/** A relative error such as 3.1e-10, or 0. */
export function formatError(x: number): string {
  return x === 0 ? '0' : x.toExponential(1);
}

/** Where an entry is, in NumPy's indexing: ∂L/∂x[2, 0], ∂L/∂γ[1]. */
export function entryName(table: GradientName, entry: GradientEntry): string {
  return `${SYMBOLS[table]}[${entry.example === null ? entry.feature : `${entry.example}, ${entry.feature}`}]`;
}

/** The verdict in one sentence or three, also announced as the island's status. */
export function verdictText(result: GradientCheckResult): string {
  const { worst, settings } = result;
  const max = formatError(worst.entry.relativeError);
  const where = entryName(worst.table, worst.entry);
  if (result.agrees) return `Max relative error ${max}, at ${where}: below ${formatSetting(AGREEMENT_THRESHOLD)}, the backward pass agrees.`;
  const opening = `Max relative error ${max}, at ${where}: above ${formatSetting(AGREEMENT_THRESHOLD)}.`;
  const h = formatSetting(settings.step);
  const defaultStep = formatSetting(DEFAULT_SETTINGS.step);
  const withDefault = result.withDefaultStep === null ? '' : ` With h = ${defaultStep}, the same batch gives ${formatError(result.withDefaultStep)}.`;
  switch (result.disagreement) {
    case 'truncation':
      return `${opening} The step h = ${h} is large, so the central difference carries truncation error of order h²: the fault is the step, not the backward pass.${withDefault}`;
    case 'rounding':
      return `${opening} The step h = ${h} is so small that L(θ + h) and L(θ − h) differ only in their last digits: rounding error, about ε_machine/h relative to L, swamps the difference.${withDefault}`;
    case 'near-zero': {
      const size = formatGradient(worst.entry.analytic);
      const difference = formatError(Math.abs(worst.entry.analytic - worst.entry.numerical));
      const scale = significant(gradientScale(result.tables), 3);
      const why =
        settings.mode === 'train' && settings.batch === 2 && worst.table === 'dx'
          ? ' With m = 2, each feature normalizes to ±√(σ²/(σ² + ε)) whatever x is, so ∂L/∂x is almost exactly zero.'
          : '';
      return `${opening} There the gradient is nearly zero (${size}, while the largest is ${scale}), so the relative error divides rounding noise, an absolute difference of ${difference}, by almost nothing: the backward pass is not at fault.${why}`;
    }
    default:
      return `${opening} With a moderate step, this usually means a mistake in the backward pass.`;
  }
}

/** The verdict in a few words, for the status line: "max relative error 5.7e-9: the backward pass agrees". */
export function verdictSummary(result: GradientCheckResult): string {
  const max = formatError(result.worst.entry.relativeError);
  return result.agrees ? `max relative error ${max}: the backward pass agrees.` : `max relative error ${max}, above ${formatSetting(AGREEMENT_THRESHOLD)}: see why below.`;
}

/** The running statistics an eval-mode check normalizes with. */
function runningNote(result: GradientCheckResult): string {
  if (!result.running) {
    return 'Train mode: the layer normalizes with the batch’s own mean and variance, so every ∂L/∂x depends on the whole batch.';
  }
  const list = (values: Float64Array) => Array.from(values, (v) => significant(v, 4)).join(', ');
  return (
    `Eval mode: the layer first trained on ${WARMUP_BATCHES} seeded batches, leaving running mean (${list(result.running.mean)}) ` +
    `and running variance (${list(result.running.variance)}); now ∂L/∂x = γ·∂L/∂y/√(running var + ε), one example at a time.`
  );
}

function tableHtml(table: GradientTable, id: string, rows: number, cols: number): string {
  const captionId = `${id}-${table.name}-caption`;
  const perExample = table.name === 'dx';
  const size = perExample ? `${rows} × ${cols} = ${rows * cols} entries` : `${cols} ${cols === 1 ? 'entry' : 'entries'}, one per feature`;
  const caption = `${SYMBOLS[table.name]}: ${size}; largest relative error ${formatError(table.maxRelativeError)}`;
  const headers = [...(perExample ? ['Example i'] : []), 'Feature j', 'Analytic', 'Numerical', 'Relative error'];
  const body = table.entries
    .map((entry) => {
      const above = entry.relativeError >= AGREEMENT_THRESHOLD;
      const places = [...(entry.example === null ? [] : [entry.example]), entry.feature].map((k) => `<th scope="row">${k}</th>`).join('');
      const error = above
        ? `<td><span aria-hidden="true">⚠ </span><strong>${formatError(entry.relativeError)}</strong><span class="sr-only"> (at or above ${formatSetting(AGREEMENT_THRESHOLD)})</span></td>`
        : `<td>${formatError(entry.relativeError)}</td>`;
      return `<tr${above ? ' class="gc-above"' : ''}>${places}<td>${formatGradient(entry.analytic)}</td><td>${formatGradient(entry.numerical)}</td>${error}</tr>`;
    })
    .join('');
  return (
    `<p class="gc-caption" id="${escapeHtml(captionId)}">${escapeHtml(caption)}</p>` +
    `<section class="island-table-wrap" tabindex="0" aria-labelledby="${escapeHtml(captionId)}">` +
    `<table class="island-table gc-table" aria-labelledby="${escapeHtml(captionId)}">` +
    `<thead><tr>${headers.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead>` +
    `<tbody>${body}</tbody></table></section>`
  );
}

/** The verdict, the mode's note and the three tables; `id` prefixes the ids of the tables' captions. */
export function gradientCheckHtml(result: GradientCheckResult, id: string): string {
  const { batch, features } = result.settings;
  const mark = result.agrees ? '✓' : '⚠';
  return (
    `<p class="gc-verdict" data-verdict="${result.agrees ? 'agrees' : 'warning'}"><span aria-hidden="true">${mark} </span>${escapeHtml(verdictText(result))}</p>` +
    `<p class="gc-note">${escapeHtml(runningNote(result))}</p>` +
    result.tables.map((table) => tableHtml(table, id, batch, features)).join('')
  );
}
