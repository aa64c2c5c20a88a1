/**
 * `npm run bench:browser [-- runs]`: the default Figure 1 run in Chromium, started as a reader
 * starts it, on the built site (run `npm run build` first). Reports the time the page reports
 * (Start to both networks done), the CPU time of each thread from a Chromium trace (which says what
 * the run would take on free cores when other programs load the machine), and the main thread's
 * long tasks (over 50 ms) during the run, by wall-clock time (what PerformanceObserver sees) and
 * by the thread's own CPU time.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { chromium } from 'playwright-core';

const runs = Number(process.argv[2] ?? 1);
const port = Number(process.env.BENCH_PORT ?? 4399);
const root = new URL('../../', import.meta.url);
if (!existsSync(new URL('dist/internal-covariate-shift/index.html', root))) throw new Error('No build in dist/: run npm run build first.');

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

const load = () => loadavg().map((l) => l.toFixed(2)).join(', ');
const ms = (value: number) => `${Math.round(value).toLocaleString('en-US')} ms`;

const server = spawn(process.execPath, ['e2e/static-server.ts', 'dist', String(port), '/'], { cwd: root, stdio: 'ignore' });
const browser = await chromium.launch({ executablePath: existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined });
try {
  for (let i = 0; i < 50; i++) {
    if (await fetch(`http://127.0.0.1:${port}/`).then((r) => r.ok, () => false)) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  console.log(`Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores; Chromium ${browser.version()}`);
  for (let run = 1; run <= runs; run++) {
    const page = await browser.newPage();
    await page.addInitScript(() => {
      const tasks: number[] = [];
      Object.assign(window, { longTasks: tasks });
      new PerformanceObserver((list) => list.getEntries().forEach((entry) => tasks.push(entry.duration))).observe({ type: 'longtask' });
    });
    await page.goto(`http://127.0.0.1:${port}/internal-covariate-shift/`);
    const root = page.locator('figure1-experiment');
    const start = root.getByRole('button', { name: 'Start' });
    await start.waitFor();
    await root.scrollIntoViewIfNeeded(); // the island loads its code when it comes into view
    await page.waitForFunction(() => !document.querySelector<HTMLButtonElement>('figure1-experiment button[type="submit"]')?.disabled);
    await page.evaluate(() => ((window as unknown as { longTasks: number[] }).longTasks.length = 0));
    const loadBefore = load();
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
    await start.click();
    await root.locator('[data-status]').filter({ hasText: /^(Done|The run stopped)/ }).waitFor({ timeout: 600_000 });
    const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
    const status = (await root.locator('[data-status]').textContent()) ?? '';
    const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
    await page.close();

    // CPU time per thread of the page's renderer, from the trace's top-level tasks.
    const threadNames = new Map<string, string>();
    for (const e of trace.traceEvents) if (e.ph === 'M' && e.name === 'thread_name') threadNames.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
    const threads = new Map<string, { cpu: number; tasks: number[] }>();
    for (const e of trace.traceEvents) {
      if (e.name !== 'RunTask' || e.ph !== 'X') continue;
      const name = threadNames.get(`${e.pid}:${e.tid}`) ?? '';
      if (name !== 'CrRendererMain' && name !== 'DedicatedWorker thread') continue;
      const key = `${name} ${e.tid}`;
      const thread = threads.get(key) ?? { cpu: 0, tasks: [] };
      thread.cpu += (e.tdur ?? 0) / 1000;
      thread.tasks.push((e.tdur ?? 0) / 1000);
      threads.set(key, thread);
    }
    const workers = [...threads].filter(([key]) => key.startsWith('DedicatedWorker')).map(([, t]) => t.cpu);
    const main = [...threads].find(([key]) => key.startsWith('CrRendererMain'))?.[1] ?? { cpu: 0, tasks: [] };

    console.log(`\nRun ${run} (load average before ${loadBefore}, after ${load()}):`);
    console.log(`  the page: ${status}`);
    console.log(`  CPU time: workers ${workers.map(ms).join(' and ')}; main thread ${ms(main.cpu)}`);
    console.log(`  main thread's longest tasks by CPU time: ${[...main.tasks].sort((a, b) => b - a).slice(0, 3).map(ms).join(', ')}`);
    console.log(`  long tasks by wall-clock time (PerformanceObserver): ${longTasks.length}${longTasks.length ? `, the longest ${ms(Math.max(...longTasks))}` : ''}`);
  }
} finally {
  await browser.close();
  server.kill();
}
