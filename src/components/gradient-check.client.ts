/** The behaviour of <gradient-check> (GradientCheck.astro), loaded when the island comes into view. */
import { showFieldError } from './fields/show-field-error.ts';
import {
  formatSetting,
  gradientCheck,
  nextSeed,
  parseCheckInput,
  parseSeed,
  type CheckField,
  type CheckFieldErrors,
  type CheckMode,
  type GradientCheckSettings,
} from '../lib/gradient-check.ts';
import { gradientCheckHtml, verdictSummary } from './gradient-check-view.ts';

const FIELDS: readonly CheckField[] = ['batch', 'features', 'seed', 'step', 'eps'];

/** Wires the pre-rendered check to its boxes: validates them, reruns the check and shows the tables. */
export class GradientCheck extends HTMLElement {
  /** The seed of the last check that ran, for "New random batch" when the seed box is bad. */
  private lastSeed = 0;

  connectedCallback() {
    const form = this.querySelector('form')!;
    this.lastSeed = Number(this.field('seed').value);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.check();
    });
    for (const radio of this.querySelectorAll<HTMLInputElement>('input[name="mode"]')) {
      radio.addEventListener('change', () => this.check());
    }
    this.querySelector('[data-action="new-batch"]')!.addEventListener('click', () => {
      let seed: number;
      try {
        seed = parseSeed(this.field('seed').value);
      } catch {
        seed = this.lastSeed; // a bad seed box gives way to the seed after the last good one
      }
      this.field('seed').value = String(nextSeed(seed));
      this.check();
    });
    for (const control of this.querySelectorAll<HTMLInputElement | HTMLButtonElement | HTMLFieldSetElement>('[data-control]')) {
      control.disabled = false;
    }
    this.setStatus('Change the settings, then press Check gradients or Enter in any box; the tables are for the settings above.');
  }

  private field(name: CheckField): HTMLInputElement {
    return this.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
  }

  private texts(): Record<CheckField, string> {
    return Object.fromEntries(FIELDS.map((name) => [name, this.field(name).value])) as Record<CheckField, string>;
  }

  private mode(): CheckMode {
    return this.querySelector<HTMLInputElement>('input[name="mode"]:checked')?.value === 'eval' ? 'eval' : 'train';
  }

  private setStatus(text: string) {
    this.querySelector('[data-status]')!.textContent = text;
  }

  /** Validates the boxes and, when all are good, runs the check and shows it; otherwise keeps the last tables. */
  private check() {
    const parsed = parseCheckInput(this.texts(), this.mode());
    this.showErrors(parsed.ok ? {} : parsed.errors);
    if (!parsed.ok) {
      this.setStatus('Not checked: fix the input marked above. The tables below are from the last check.');
      return;
    }
    try {
      const result = gradientCheck(parsed.settings);
      this.querySelector('[data-output]')!.innerHTML = gradientCheckHtml(result, this.dataset.id ?? 'gradient-check');
      this.lastSeed = parsed.settings.seed;
      this.setStatus(`${describe(parsed.settings)}: ${verdictSummary(result)}`);
    } catch (error) {
      this.setStatus(`Could not check: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Shows each message next to its box, or clears it; invalid boxes are marked for assistive technology. */
  private showErrors(errors: CheckFieldErrors) {
    for (const name of FIELDS) showFieldError(this, name, errors[name] ?? '');
  }
}

/** The settings in a few words: "Checked m = 4, n = 3, seed 1, h = 1e-5, ε = 1e-5, train mode". */
function describe(s: GradientCheckSettings): string {
  return `Checked m = ${s.batch}, n = ${s.features}, seed ${s.seed}, h = ${formatSetting(s.step)}, ε = ${formatSetting(s.eps)}, ${s.mode} mode`;
}
