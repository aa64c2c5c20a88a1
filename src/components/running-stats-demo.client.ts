/** The behaviour of <running-stats-demo> (RunningStatsDemo.astro), loaded when the island comes into view. */
import { showFieldError } from './fields/show-field-error.ts';
import { BatchNormError } from '../lib/matrix.ts';
import { InputError } from '../lib/parse-input.ts';
import {
  DEFAULT_STREAM,
  MAX_BATCHES,
  RunningStatsSimulation,
  fromPytorchMomentum,
  parseBatchSize,
  toPytorchMomentum,
  type MomentumConvention,
} from '../lib/running-stats.ts';
import { DEFAULT_BATCHES, DEFAULT_FEED, chartMarkup, chartTableMarkup, lastBatchMarkup } from './running-stats-view.ts';

/** Feeds batches into BatchNorm1d(1) as the reader asks, and redraws the chart and the numbers. */
export class RunningStatsDemo extends HTMLElement {
  private readonly simulation = new RunningStatsSimulation(DEFAULT_STREAM);
  private convention: MomentumConvention = 'pytorch';

  connectedCallback() {
    const form = this.querySelector('form')!;
    this.convention = this.radios('convention').find((radio) => radio.checked)?.value === 'keras' ? 'keras' : 'pytorch';
    // The same run as the build-time render, so the first batch fed continues its stream.
    this.simulation.feed(DEFAULT_FEED, DEFAULT_BATCHES);

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.feed(1);
    });
    this.querySelector('[data-action="feed-20"]')!.addEventListener('click', () => this.feed(20));
    this.querySelector('[data-action="reset"]')!.addEventListener('click', () => this.reset());
    this.slider.addEventListener('input', () => this.showMomentum());
    this.cumulative.addEventListener('change', () => this.showMomentum());
    for (const radio of this.radios('convention')) radio.addEventListener('change', () => this.switchConvention());
    for (const radio of this.radios('mode')) {
      radio.addEventListener('change', () =>
        this.setStatus(
          this.training
            ? 'Train mode: each batch is normalized with its own mean and variance, and updates the running statistics.'
            : 'Eval mode: each batch is normalized with the running statistics, and nothing is updated.',
        ),
      );
    }
    for (const control of this.querySelectorAll<HTMLInputElement | HTMLButtonElement | HTMLFieldSetElement>('input, button, fieldset')) {
      control.disabled = false;
    }
    this.showMomentum();
    // Replaces the note for readers without JavaScript with one of about the same length, so nothing below moves.
    this.setStatus(
      `Below: ${DEFAULT_BATCHES} batches of ${DEFAULT_FEED.batchSize} fed in train mode at momentum ${DEFAULT_FEED.momentum}. Feed more, switch to eval mode or change the momentum, and watch.`,
    );
  }

  private get slider(): HTMLInputElement {
    return this.querySelector<HTMLInputElement>('[name="momentum"]')!;
  }

  private get cumulative(): HTMLInputElement {
    return this.querySelector<HTMLInputElement>('[name="cumulative"]')!;
  }

  private get batchBox(): HTMLInputElement {
    return this.querySelector<HTMLInputElement>('[name="batchSize"]')!;
  }

  private radios(name: string): HTMLInputElement[] {
    return [...this.querySelectorAll<HTMLInputElement>(`input[type="radio"][name="${name}"]`)];
  }

  private get training(): boolean {
    return this.radios('mode').find((radio) => radio.checked)?.value !== 'eval';
  }

  /** The layer's momentum (PyTorch's convention), or null for the cumulative average. */
  private get momentum(): number | null {
    return this.cumulative.checked ? null : toPytorchMomentum(Number(this.slider.value), this.convention);
  }

  private setStatus(text: string) {
    this.querySelector('[data-status]')!.textContent = text;
  }

  /** Relabels the slider for the chosen convention and converts its value, keeping the same effective momentum. */
  private switchConvention() {
    const chosen = this.radios('convention').find((radio) => radio.checked)?.value === 'keras' ? 'keras' : 'pytorch';
    if (chosen === this.convention) return;
    const momentum = toPytorchMomentum(Number(this.slider.value), this.convention);
    this.convention = chosen;
    this.slider.value = String(fromPytorchMomentum(momentum, chosen));
    this.showMomentum();
  }

  /** Shows the slider's value, its meaning in the chosen convention, and the other convention's number. */
  private showMomentum() {
    const value = Number(this.slider.value);
    const keras = this.convention === 'keras';
    const cumulative = this.cumulative.checked;
    this.slider.disabled = cumulative;
    this.querySelector('[data-momentum-label]')!.textContent = keras
      ? 'Momentum (Keras): the weight of the old running value'
      : 'Momentum (PyTorch): the weight of the new batch';
    this.querySelector('[data-momentum-value]')!.textContent = cumulative ? 'None' : String(value);
    const formula = this.querySelector('[data-momentum-formula]')!;
    if (cumulative) {
      formula.textContent = 'running ← (1 − 1/n) · running + (1/n) · batch for the n-th training batch: the plain average of all batches so far.';
    } else if (keras) {
      formula.textContent = `running ← momentum · running + (1 − momentum) · batch. PyTorch would call this momentum ${toPytorchMomentum(value, 'keras')}.`;
    } else {
      formula.textContent = `running ← (1 − momentum) · running + momentum · batch. Keras would call this momentum ${fromPytorchMomentum(value, 'keras')}.`;
    }
  }

  private showError(message: string) {
    showFieldError(this, 'batchSize', message);
  }

  private feed(count: number) {
    const fed = this.simulation.history.length;
    if (fed + count > MAX_BATCHES) {
      this.setStatus(`Not fed: this demo keeps at most ${MAX_BATCHES} batches and has ${fed}. Press Reset to start again.`);
      return;
    }
    const momentum = this.momentum;
    const training = this.training;
    let batchSize = 0;
    try {
      batchSize = parseBatchSize(this.batchBox.value);
      this.simulation.feed({ batchSize, momentum, training }, count);
    } catch (error) {
      if (!(error instanceof InputError || error instanceof BatchNormError)) throw error;
      const message =
        error instanceof BatchNormError && batchSize === 1
          ? `A batch of one value has no variance to normalize with, so BatchNorm1d refuses it in train mode: “${error.message}” Use 2 or more, or switch to Eval.`
          : error.message;
      this.showError(message);
      this.setStatus('Not fed: fix the batch size marked above. The chart and numbers below are from the last batch fed.');
      return;
    }
    this.showError('');
    this.render();
    const total = this.simulation.history.length;
    const what = `Fed ${count === 1 ? '1 batch' : `${count} batches`} of ${batchSize} (${total} in all)`;
    if (!training) {
      this.setStatus(`${what} in eval mode: normalized with the running statistics; nothing was updated.`);
    } else if (momentum === null) {
      this.setStatus(`${what} in train mode: the running statistics are now the plain average over every training batch.`);
    } else {
      this.setStatus(`${what} in train mode: ${count === 1 ? 'it' : 'each'} moved the running statistics ${Number((momentum * 100).toPrecision(12))}% of the way toward its own.`);
    }
  }

  private reset() {
    this.simulation.reset();
    this.showError('');
    this.render();
    this.setStatus('Reset: a fresh BatchNorm1d(1), running mean 0 and running variance 1, and the stream back at its start.');
  }

  private render() {
    const points = this.simulation.points;
    const history = this.simulation.history;
    this.querySelector('[data-chart]')!.innerHTML = chartMarkup(points, DEFAULT_STREAM);
    this.querySelector('[data-chart-table]')!.innerHTML = chartTableMarkup(points, DEFAULT_STREAM);
    this.querySelector('[data-last-batch]')!.innerHTML = lastBatchMarkup(history[history.length - 1]);
  }
}
