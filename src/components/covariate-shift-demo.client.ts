/** The behaviour of <covariate-shift-demo> (CovariateShiftDemo.astro), loaded when the island comes into view. */
import { LIMITS, REFERENCE, parseSetting, type LayerSetting, type SettingName } from '../lib/covariate-shift.ts';
import { InputError } from '../lib/parse-input.ts';
import { covariateShiftView, formatSetting } from './covariate-shift-view.ts';
import { showFieldError } from './fields/show-field-error.ts';

const NAMES: readonly SettingName[] = ['a', 'b'];

/** Wires the pre-rendered charts to the sliders, their boxes and Reset. */
export class CovariateShiftDemo extends HTMLElement {
  /** The setting the charts show: the last good one. */
  private setting: LayerSetting = { ...REFERENCE };

  connectedCallback() {
    for (const name of NAMES) {
      const range = this.range(name);
      const box = this.box(name);
      range.addEventListener('input', () => this.fromRange(name, false));
      range.addEventListener('change', () => this.fromRange(name, true));
      box.addEventListener('change', () => this.fromBox(name));
      box.addEventListener('keydown', (event) => {
        if (event.key === 'Enter') {
          event.preventDefault();
          this.fromBox(name);
        }
      });
    }
    this.querySelector('[data-action="reset"]')!.addEventListener('click', () => this.reset());
    for (const control of this.querySelectorAll<HTMLInputElement | HTMLButtonElement>('[data-control]')) control.disabled = false;
    // A browser may restore other values than the pre-rendered ones (e.g. on going back): show those.
    for (const name of NAMES) {
      if (this.box(name).value !== String(REFERENCE[name])) this.fromBox(name);
      else if (this.range(name).value !== String(REFERENCE[name])) this.fromRange(name, false);
    }
  }

  private range(name: SettingName): HTMLInputElement {
    return this.querySelector<HTMLInputElement>(`input[name="${name}-range"]`)!;
  }

  private box(name: SettingName): HTMLInputElement {
    return this.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
  }

  /** The slider moved: its value goes into the box (clearing any message there) and the charts follow. */
  private fromRange(name: SettingName, announce: boolean) {
    const value = Number(this.range(name).value);
    const { min, max } = LIMITS[name];
    if (!(Number.isFinite(value) && value >= min && value <= max)) return; // not from a native slider
    this.box(name).value = String(value);
    showFieldError(this, name, '');
    this.draw({ ...this.setting, [name]: value }, announce);
  }

  /** The box was committed (Enter or change): a good value moves the slider and the charts; a bad one shows its message. */
  private fromBox(name: SettingName) {
    let value: number;
    try {
      value = parseSetting(name, this.box(name).value);
    } catch (error) {
      const message = error instanceof InputError ? error.message : `This value could not be read (${String(error)}).`;
      showFieldError(this, name, message);
      this.setStatus(`Not redrawn: fix the value of ${name} marked above. The charts still show a = ${formatSetting(this.setting.a)}, b = ${formatSetting(this.setting.b)}.`);
      return;
    }
    showFieldError(this, name, '');
    this.range(name).value = String(value);
    this.draw({ ...this.setting, [name]: value }, true);
  }

  private reset() {
    for (const name of NAMES) {
      this.box(name).value = String(REFERENCE[name]);
      this.range(name).value = String(REFERENCE[name]);
      showFieldError(this, name, '');
    }
    this.draw({ ...REFERENCE }, true);
  }

  private setStatus(text: string) {
    this.querySelector('[data-status]')!.textContent = text;
  }

  /** Redraws both panels for a setting; the status line announces it when `announce` (not on every step of a drag). */
  private draw(setting: LayerSetting, announce: boolean) {
    try {
      const view = covariateShiftView(setting, this.dataset.id ?? 'covariate-shift');
      for (const side of ['without', 'with'] as const) {
        const panel = this.querySelector(`[data-panel="${side}"]`)!;
        panel.querySelector('[data-stats]')!.innerHTML = view[side].stats;
        panel.querySelector('[data-chart]')!.innerHTML = view[side].chart;
        panel.querySelector('[data-table]')!.innerHTML = view[side].table;
      }
      this.setting = setting;
      if (announce) this.setStatus(view.status);
    } catch (error) {
      this.setStatus(`Could not draw this setting (${error instanceof Error ? error.message : String(error)}). The charts show the last one drawn.`);
    }
  }
}
