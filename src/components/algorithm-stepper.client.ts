/** The behaviour of <algorithm-stepper> (AlgorithmStepper.astro), loaded when the island comes into view. */
import { showFieldError } from './fields/show-field-error.ts';
import { algorithmSteps, readStepperInput, type StepperErrors, type StepperInput } from '../lib/algorithm-steps.ts';
import { formatParameter, PARAMETERS, slidersHtml, STEP_NAMES, stepResultsHtml, type Parameter } from './algorithm-stepper-markup.ts';

type Field = keyof StepperErrors;
const STEPS = STEP_NAMES.length;

/** Steps through the pre-rendered algorithm and recomputes it for the reader's data, ε, γ and β. */
export class AlgorithmStepper extends HTMLElement {
  private idPrefix = '';
  /** The last input that ran; the default example until the reader runs something. */
  private input: StepperInput | null = null;
  private gamma: number[] = [];
  private beta: number[] = [];
  private step = 1;
  private showAll = false;
  private started = false;

  connectedCallback() {
    if (this.started) return;
    this.started = true;
    this.idPrefix = this.dataset.id ?? 'algorithm-stepper';
    const example = readStepperInput(this.dataset.matrix ?? '', this.dataset.epsilon ?? '');
    if (example.ok) this.input = example.input;
    this.readSliders();

    this.querySelector('form')!.addEventListener('submit', (event) => {
      event.preventDefault();
      this.run(true);
    });
    this.field('matrix').addEventListener('keydown', (event) => {
      if (event instanceof KeyboardEvent && event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        this.run(true);
      }
    });
    this.button('previous').addEventListener('click', () => this.goTo(this.step - 1, true));
    this.button('next').addEventListener('click', () => this.goTo(this.step + 1, true));
    this.button('all').addEventListener('click', () => {
      this.showAll = !this.showAll;
      this.showStep();
    });
    this.querySelector('.stepper-controls')!.addEventListener('keydown', (event) => {
      if (!(event instanceof KeyboardEvent) || event.ctrlKey || event.altKey || event.metaKey) return;
      const move = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
      if (move === undefined) return;
      event.preventDefault();
      this.goTo(this.step + move, true);
    });
    this.sliders().addEventListener('input', (event) => {
      const slider = event.target;
      if (!(slider instanceof HTMLInputElement) || slider.type !== 'range') return;
      const name = slider.dataset.parameter as Parameter;
      const value = slider.valueAsNumber;
      this[name][Number(slider.dataset.feature)] = value;
      this.querySelector(`[data-value-for="${slider.id}"]`)!.textContent = formatParameter(value);
      this.render();
    });

    for (const control of this.querySelectorAll<HTMLButtonElement | HTMLInputElement>('button, input[type="range"]')) {
      control.disabled = false;
    }
    this.button('all').setAttribute('aria-pressed', 'false');
    this.run(false); // the boxes may hold what the browser restored, not the example
    this.goTo(1);
  }

  private field(name: Field): HTMLInputElement | HTMLTextAreaElement {
    return this.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[name="${name}"]`)!;
  }

  private button(action: 'previous' | 'next' | 'all'): HTMLButtonElement {
    return this.querySelector<HTMLButtonElement>(`[data-action="${action}"]`)!;
  }

  private sliders(): HTMLElement {
    return this.querySelector<HTMLElement>('[data-sliders]')!;
  }

  /** γ and β from the sliders, which the browser may have restored. */
  private readSliders() {
    this.gamma = [];
    this.beta = [];
    for (const slider of this.sliders().querySelectorAll<HTMLInputElement>('input[type="range"]')) {
      this[slider.dataset.parameter as Parameter][Number(slider.dataset.feature)] = slider.valueAsNumber;
      this.querySelector(`[data-value-for="${slider.id}"]`)!.textContent = formatParameter(slider.valueAsNumber);
    }
  }

  /** Moves to a step; when the reader asked for it, scrolls its line into view below the sticky buttons. */
  private goTo(step: number, reveal = false) {
    this.step = Math.min(STEPS, Math.max(1, step));
    this.showStep();
    if (reveal) this.querySelector(`.stepper-lines > li[data-step="${this.step}"]`)?.scrollIntoView({ block: 'nearest' });
  }

  /** Marks the current line, hides the results of the lines still to come (keeping their space) and says where we are. */
  private showStep() {
    for (const line of this.querySelectorAll<HTMLElement>('.stepper-lines > li')) {
      const step = Number(line.dataset.step);
      line.dataset.state = step === this.step ? 'current' : step < this.step || this.showAll ? 'done' : 'future';
      if (step === this.step) line.setAttribute('aria-current', 'step');
      else line.removeAttribute('aria-current');
    }
    this.button('previous').setAttribute('aria-disabled', String(this.step === 1));
    this.button('next').setAttribute('aria-disabled', String(this.step === STEPS));
    this.button('all').setAttribute('aria-pressed', String(this.showAll));
    const where = `Step ${this.step} of ${STEPS}: ${STEP_NAMES[this.step - 1]}`;
    this.querySelector('[data-step-status]')!.textContent = this.showAll ? `${where}. All results shown.` : where;
  }

  /** Reads the boxes; runs the algorithm on them, or marks what is wrong and keeps the last good results. */
  private run(announce: boolean) {
    const outcome = readStepperInput(this.field('matrix').value, this.field('epsilon').value);
    if (!outcome.ok) {
      this.showErrors(outcome.errors);
      this.setRunStatus('Not run: fix the input marked above. The results below are from the last successful run.');
      return;
    }
    this.showErrors({});
    const { x, epsilon } = outcome.input;
    if (x.cols !== this.gamma.length) this.resizeSliders(x.cols);
    this.input = outcome.input;
    const steps = this.render();
    if (!announce || !steps) {
      this.setRunStatus('Edit the mini-batch or ε, then press Run. γ and β apply as you move them.');
      return;
    }
    const constant = Array.from(steps.variance, (v, j) => (v === 0 ? j + 1 : 0)).filter(Boolean);
    const note =
      epsilon === 0 && constant.length > 0
        ? ` Feature ${constant.join(' and ')} is constant and ε = 0, so x̂ is 0/0, which is nan: ε > 0 prevents this.`
        : '';
    this.setRunStatus(`Ran on ${x.rows} examples of ${x.cols} feature${x.cols === 1 ? '' : 's'}.${note}`);
  }

  /** One γ and one β slider per feature, keeping the values of the features that remain. */
  private resizeSliders(cols: number) {
    this.gamma = Array.from({ length: cols }, (_, j) => this.gamma[j] ?? PARAMETERS.gamma.initial);
    this.beta = Array.from({ length: cols }, (_, j) => this.beta[j] ?? PARAMETERS.beta.initial);
    this.sliders().innerHTML = slidersHtml(this.gamma, this.beta, this.idPrefix, false);
  }

  /** Recomputes every table; replaces only those whose content changed, so focus and scrolling stay. */
  private render() {
    if (!this.input) return null;
    const { x, epsilon } = this.input;
    const steps = algorithmSteps(x, epsilon, this.gamma, this.beta);
    stepResultsHtml(steps, this.idPrefix).forEach((html, k) => {
      const target = this.querySelector(`[data-result="${k}"]`)!;
      if (target.innerHTML !== html) target.innerHTML = html;
    });
    return steps;
  }

  private setRunStatus(text: string) {
    this.querySelector('[data-run-status]')!.textContent = text;
  }

  /** Shows each message under its box, or clears it; invalid boxes are marked for assistive technology. */
  private showErrors(errors: StepperErrors) {
    for (const name of ['matrix', 'epsilon'] as const) showFieldError(this, name, errors[name] ?? '');
  }
}
