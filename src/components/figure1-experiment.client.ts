/** The behaviour of <figure1-experiment> (Figure1Experiment.astro), loaded when the island comes into view. */
import type { Figure1Result } from '../lib/figure1.ts';
import {
  DEFAULT_SETTINGS,
  SETTING_NAMES,
  QUERY_KEYS,
  parseSettings,
  settingsFromQuery,
  settingsText,
  withSettings,
  type Figure1Settings,
  type SettingErrors,
  type SettingName,
  type SettingsText,
} from '../lib/figure1-settings.ts';
import { showFieldError } from './fields/show-field-error.ts';
import { CHART_PARTS, TABLE_PARTS, figureParts, type FigurePart } from './figure1-view.ts';
import type { Figure1Request, Figure1Response } from './figure1.worker.ts';

type State = 'idle' | 'running' | 'paused';
/** The two networks, in the order of the workers: without BN, then with. */
const NETWORKS = ['without', 'with'] as const;
const count = (n: number) => n.toLocaleString('en-US');
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
/** The least time between two redraws of the figure. */
const RENDER_MS = 250;
const empty = (): Figure1Result => ({ step: [], testAccuracy: [], percentiles: [] });

/** Runs both networks in two workers as the reader asks, and redraws the figure as results stream in. */
export class Figure1Experiment extends HTMLElement {
  private workers: Worker[] = [];
  private run = 0;
  private state: State = 'idle';
  private settings: Figure1Settings = DEFAULT_SETTINGS;
  private results: Figure1Result[] = [empty(), empty()];
  private stepsDone = [0, 0];
  private done = [false, false];
  private computeMs = [0, 0];
  /** Which workers have answered the last pause (then their step counts are final). */
  private pausedAnswers = [false, false];
  /** Wall-clock time of the run so far, pauses excluded, and when the current stretch began. */
  private elapsedMs = 0;
  private resumedAt = 0;
  /** The pending redraw (a timer), and when the last one was. */
  private renderTimer = 0;
  private renderedAt = -Infinity;
  /** Parts of the figure that new results have made out of date: the charts, and the tables (drawn only while open). */
  private staleParts = new Set<FigurePart>();
  private initialParts = new Map<string, string>();
  private initialProgress = '';

  connectedCallback() {
    for (const part of this.querySelectorAll<HTMLElement>('[data-part]')) this.initialParts.set(part.dataset.part ?? '', part.innerHTML);
    this.initialProgress = this.querySelector('.f1-progress')!.innerHTML;
    this.querySelector('form')!.addEventListener('submit', (event) => {
      event.preventDefault();
      this.start();
    });
    this.button('pause').addEventListener('click', () => this.togglePause());
    this.button('reset').addEventListener('click', () => this.reset());
    for (const details of this.querySelectorAll<HTMLDetailsElement>('details[data-details]')) {
      // Tables are redrawn only while open, so a long run stays light on the main thread.
      details.addEventListener('toggle', () => {
        if (details.open && this.staleParts.has(details.dataset.details as FigurePart)) this.render();
      });
    }
    for (const control of this.querySelectorAll<HTMLInputElement | HTMLButtonElement>('input, button[type="submit"], [data-action="reset"]')) {
      control.disabled = false;
    }
    this.readLink();
  }

  disconnectedCallback() {
    this.stopWorkers();
    this.run++;
    this.setState('idle');
    this.cancelRender();
  }

  private button(action: 'pause' | 'reset'): HTMLButtonElement {
    return this.querySelector<HTMLButtonElement>(`[data-action="${action}"]`)!;
  }

  private get startButton(): HTMLButtonElement {
    return this.querySelector<HTMLButtonElement>('button[type="submit"]')!;
  }

  private box(name: SettingName): HTMLInputElement {
    return this.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
  }

  private setStatus(text: string) {
    this.querySelector('[data-status]')!.textContent = text;
  }

  private showErrors(errors: SettingErrors) {
    for (const name of SETTING_NAMES) showFieldError(this, name, errors[name] ?? '');
  }

  private fill(text: SettingsText) {
    for (const name of SETTING_NAMES) this.box(name).value = text[name];
  }

  /** Puts the link's settings in the boxes and says what is wrong with any of them; the figure stays the default run. */
  private readLink() {
    const { text, fromLink } = settingsFromQuery(location.search);
    this.fill(text);
    const summary = this.dataset.summary ?? '';
    if (fromLink.length === 0) {
      this.setStatus(`The figure shows the default run (${summary}), recorded from this page's training code. Press Start to train the networks yourself.`);
      return;
    }
    const outcome = parseSettings(text);
    this.showErrors(outcome.ok ? {} : outcome.errors);
    this.setStatus(
      outcome.ok
        ? 'The settings above come from the link: press Start to train with them. Until then, the figure shows the default run.'
        : 'Some settings in the link are not valid (marked above): fix them, then press Start. The figure shows the default run.',
    );
  }

  private start() {
    const text = Object.fromEntries(SETTING_NAMES.map((name) => [name, this.box(name).value])) as SettingsText;
    const outcome = parseSettings(text);
    if (!outcome.ok) {
      this.showErrors(outcome.errors);
      this.setStatus(`Not started: fix the setting${Object.keys(outcome.errors).length > 1 ? 's' : ''} marked above. The figure shows the last run.`);
      return;
    }
    this.showErrors({});
    const settings = outcome.settings;
    history.replaceState(history.state, '', `${withSettings(location.search, settings)}${location.hash}`);
    this.settings = settings;
    this.run++;
    this.results = [empty(), empty()];
    this.stepsDone = [0, 0];
    this.done = [false, false];
    this.computeMs = [0, 0];
    this.elapsedMs = 0;
    this.resumedAt = performance.now();
    performance.mark('figure1-start');
    try {
      this.ensureWorkers();
      NETWORKS.forEach((_, i) => this.post(i, { kind: 'start', run: this.run, batchNorm: i === 1, settings }));
    } catch (error) {
      this.fail(error instanceof Error ? error.message : String(error));
      return;
    }
    this.setState('running');
    this.setStatus(`Training both networks, ${count(settings.steps)} steps each…`);
    this.markStale();
    this.scheduleRender();
  }

  private togglePause() {
    if (this.state === 'running') {
      NETWORKS.forEach((_, i) => this.post(i, { kind: 'pause', run: this.run }));
      this.elapsedMs += performance.now() - this.resumedAt;
      this.pausedAnswers = [false, false];
      this.setState('paused');
      this.setStatus('Pausing…');
    } else if (this.state === 'paused') {
      NETWORKS.forEach((_, i) => this.post(i, { kind: 'resume', run: this.run }));
      this.resumedAt = performance.now();
      this.setState('running');
      this.setStatus(`Training both networks, ${count(this.settings.steps)} steps each…`);
    }
  }

  private reset() {
    this.stopWorkers();
    this.run++;
    this.setState('idle');
    this.settings = DEFAULT_SETTINGS;
    this.fill(settingsText(DEFAULT_SETTINGS));
    this.showErrors({});
    const query = new URLSearchParams(location.search);
    for (const name of SETTING_NAMES) query.delete(QUERY_KEYS[name]);
    const search = query.toString();
    history.replaceState(history.state, '', `${location.pathname}${search ? `?${search}` : ''}${location.hash}`);
    this.cancelRender();
    for (const [name, html] of this.initialParts) this.querySelector(`[data-part="${name}"]`)!.innerHTML = html;
    this.querySelector('.f1-progress')!.innerHTML = this.initialProgress;
    this.staleParts.clear();
    this.setStatus(`Reset: the default settings, and the figure of the default run (${this.dataset.summary ?? ''}).`);
  }

  private setState(state: State) {
    this.state = state;
    const pause = this.button('pause');
    pause.textContent = state === 'paused' ? 'Resume' : 'Pause';
    if (state === 'idle' && document.activeElement === pause) this.startButton.focus();
    pause.disabled = state === 'idle';
    this.toggleAttribute('aria-busy', state === 'running');
  }

  /** Starts the two workers if they are not running; they stay for later runs until Reset. */
  private ensureWorkers() {
    if (this.workers.length > 0) return;
    this.workers = NETWORKS.map((_, i) => {
      const worker = new Worker(new URL('./figure1.worker.ts', import.meta.url), { type: 'module' });
      worker.addEventListener('message', (event: MessageEvent<Figure1Response>) => this.receive(i, event.data));
      worker.addEventListener('error', (event) => {
        event.preventDefault();
        this.fail('the background worker stopped unexpectedly.');
      });
      worker.addEventListener('messageerror', () => this.fail('a message from the background worker could not be read.'));
      return worker;
    });
  }

  private stopWorkers() {
    for (const worker of this.workers) worker.terminate();
    this.workers = [];
  }

  private post(index: number, request: Figure1Request) {
    this.workers[index]?.postMessage(request);
  }

  private fail(message: string) {
    this.stopWorkers();
    this.run++;
    this.setState('idle');
    this.setStatus(`The run stopped: ${message} Press Start to try again.`);
  }

  private receive(index: number, response: Figure1Response) {
    if (response.run !== this.run) return; // from a run that was restarted or reset since
    if (response.kind === 'failure') {
      this.fail(response.message);
      return;
    }
    this.stepsDone[index] = response.stepsDone;
    this.computeMs[index] = response.milliseconds;
    if (response.result) {
      this.results[index] = response.result;
      this.markStale();
    }
    this.done[index] = response.done;
    if (this.done[0] && this.done[1]) {
      this.finish();
      return;
    }
    this.scheduleRender();
    if (response.paused && this.state === 'paused') {
      this.pausedAnswers[index] = true;
      if (this.pausedAnswers[0] && this.pausedAnswers[1]) {
        this.setStatus(`Paused at step ${count(this.stepsDone[0])} without BN and ${count(this.stepsDone[1])} with BN. Press Resume to go on.`);
      }
    }
  }

  private finish() {
    this.elapsedMs += performance.now() - this.resumedAt;
    performance.measure('figure1-run', { start: performance.now() - this.elapsedMs, duration: this.elapsedMs });
    this.dataset.duration = String(Math.round(this.elapsedMs));
    this.render();
    this.setState('idle');
    const [without, withBn] = this.results.map((r) => r.testAccuracy[r.testAccuracy.length - 1]);
    this.setStatus(
      `Done in ${seconds(this.elapsedMs)}: both networks trained ${count(this.settings.steps)} steps ` +
        `(the one without BN computed for ${seconds(this.computeMs[0])}, the one with BN for ${seconds(this.computeMs[1])}). ` +
        `Final test accuracy: ${without.toFixed(3)} without BN, ${withBn.toFixed(3)} with BN.`,
    );
  }

  /**
   * Redraws soon, and at most every RENDER_MS however many results arrive (the two networks evaluate
   * several times a second), so that the main thread leaves the cores to the workers.
   */
  private scheduleRender() {
    if (this.renderTimer !== 0) return;
    const wait = Math.max(0, this.renderedAt + RENDER_MS - performance.now());
    this.renderTimer = window.setTimeout(() => this.render(), wait);
  }

  private cancelRender() {
    window.clearTimeout(this.renderTimer);
    this.renderTimer = 0;
  }

  private render() {
    this.cancelRender();
    this.renderedAt = performance.now();
    const steps = this.settings.steps;
    NETWORKS.forEach((key, i) => {
      const bar = this.querySelector<HTMLProgressElement>(`[data-progress="${key}"]`)!;
      bar.max = steps;
      bar.value = this.stepsDone[i];
      this.querySelector(`[data-steps="${key}"]`)!.textContent = `${count(this.stepsDone[i])} of ${count(steps)} steps`;
    });
    const wanted = [...this.staleParts].filter((name) => CHART_PARTS.includes(name) || this.querySelector<HTMLDetailsElement>(`details[data-details="${name}"]`)!.open);
    if (wanted.length === 0) return;
    const parts = figureParts({ steps, withoutBatchNorm: this.results[0], withBatchNorm: this.results[1] }, this.dataset.id ?? 'figure1', wanted);
    for (const name of wanted) {
      this.querySelector(`[data-part="${name}"]`)!.innerHTML = parts[name] ?? '';
      this.staleParts.delete(name);
    }
  }

  private markStale() {
    for (const name of [...CHART_PARTS, ...TABLE_PARTS]) this.staleParts.add(name);
  }
}
