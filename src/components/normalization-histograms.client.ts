/** The behaviour of <normalization-histograms> (NormalizationHistograms.astro), loaded when the island comes into view. */
import { isDistributionId } from '../lib/distributions.ts';
import { DEFAULT_BATCH_SIZE, DEFAULT_DISTRIBUTION, FIRST_SEED, isBatchSize } from '../lib/normalization-demo.ts';
import { histogramsView } from './normalization-histograms-view.ts';

/** Redraws the pre-rendered histograms for the chosen distribution, batch size and seed. */
export class NormalizationHistograms extends HTMLElement {
  private seed = FIRST_SEED;

  connectedCallback() {
    const seed = Number(this.dataset.seed);
    this.seed = Number.isSafeInteger(seed) && seed >= 1 ? seed : FIRST_SEED;
    const distribution = this.select('distribution');
    const size = this.select('size');
    distribution.addEventListener('change', () => this.update());
    size.addEventListener('change', () => this.update());
    this.querySelector('[data-action="new-batch"]')!.addEventListener('click', () => {
      this.seed++;
      this.update();
    });
    for (const control of this.querySelectorAll<HTMLButtonElement | HTMLSelectElement>('button, select')) {
      control.disabled = false;
    }
    // A browser may restore other choices than the pre-rendered ones (e.g. on going back): draw those.
    if (distribution.value !== this.dataset.distribution || size.value !== this.dataset.size) this.update();
  }

  private select(name: 'distribution' | 'size'): HTMLSelectElement {
    return this.querySelector<HTMLSelectElement>(`select[name="${name}"]`)!;
  }

  /** Reads the controls (falling back to the defaults for anything unknown) and redraws both panels. */
  private update() {
    const distributionSelect = this.select('distribution');
    const sizeSelect = this.select('size');
    if (!isDistributionId(distributionSelect.value)) distributionSelect.value = DEFAULT_DISTRIBUTION;
    if (!isBatchSize(Number(sizeSelect.value))) sizeSelect.value = String(DEFAULT_BATCH_SIZE);
    const distribution = isDistributionId(distributionSelect.value) ? distributionSelect.value : DEFAULT_DISTRIBUTION;
    const status = this.querySelector('[data-status]')!;
    try {
      const view = histogramsView(distribution, Number(sizeSelect.value), this.seed, this.dataset.id ?? 'normalization-histograms');
      for (const side of ['before', 'after'] as const) {
        const panel = this.querySelector(`[data-panel="${side}"]`)!;
        panel.querySelector('[data-stats]')!.innerHTML = view[side].stats;
        panel.querySelector('[data-chart]')!.innerHTML = view[side].chart;
        panel.querySelector('[data-table]')!.innerHTML = view[side].table;
      }
      this.querySelector('[data-batch]')!.textContent = view.batch;
      status.classList.add('sr-only');
      status.textContent = view.status;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      status.classList.remove('sr-only');
      status.textContent = `Could not draw this batch (${message}). The charts show the last one drawn.`;
    }
  }
}
