/**
 * `npm run bench [-- name …]`: the site's speed benchmarks in Node. For every case of every
 * benchmark: a warm-up run, then several timed runs, reporting the median rate in wall-clock time
 * and in CPU time (the second stays meaningful when other programs load the machine), with the
 * machine, its load and the Node version. Add a benchmark by adding it to `benchmarks` below.
 */
import { availableParallelism, cpus, loadavg } from 'node:os';
import { batchnormBenchmark } from './batchnorm.ts';
import { figure1Benchmark } from './figure1.ts';

/** One named measurement: each case is run several times and its rate reported. */
export interface Benchmark {
  name: string;
  description: string;
  /** What a case's `run` counts, e.g. "steps"; rates are reported per second. */
  unit: string;
  cases: { name: string; /** Does the work once; returns how many units it did. */ run: () => number }[];
  /** A line of interpretation from the median CPU-time rates of the cases, in order. */
  note?: (cpuRates: number[]) => string;
}

const benchmarks: (() => Benchmark)[] = [batchnormBenchmark, figure1Benchmark];

const WARM_UP_RUNS = 1;
const TIMED_RUNS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Runs `run` once; its units per second of wall-clock time and of this process's CPU time. */
function measure(run: () => number): { wall: number; cpu: number } {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const units = run();
  const wallSeconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  return { wall: units / wallSeconds, cpu: units / ((cpu.user + cpu.system) / 1e6) };
}

const format = (rate: number) => rate.toLocaleString('en-US', { maximumFractionDigits: rate < 100 ? 1 : 0 });

const wanted = process.argv.slice(2);
console.log(`Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores; load average ${loadavg().map((l) => l.toFixed(2)).join(', ')} (1, 5, 15 min)`);
console.log(`Node ${process.version}; ${WARM_UP_RUNS} warm-up and ${TIMED_RUNS} timed runs per case; medians, with the range in brackets\n`);
for (const make of benchmarks) {
  const benchmark = make();
  if (wanted.length > 0 && !wanted.includes(benchmark.name)) continue;
  console.log(`${benchmark.name}: ${benchmark.description}`);
  const cpuRates: number[] = [];
  for (const { name, run } of benchmark.cases) {
    for (let i = 0; i < WARM_UP_RUNS; i++) run();
    const runs = Array.from({ length: TIMED_RUNS }, () => measure(run));
    const wall = runs.map((r) => r.wall);
    const cpu = runs.map((r) => r.cpu);
    cpuRates.push(median(cpu));
    console.log(
      `  ${name}: ${format(median(wall))} ${benchmark.unit}/s wall clock [${format(Math.min(...wall))}–${format(Math.max(...wall))}], ` +
        `${format(median(cpu))} ${benchmark.unit}/s of CPU time [${format(Math.min(...cpu))}–${format(Math.max(...cpu))}]`,
    );
  }
  if (benchmark.note) console.log(`  ${benchmark.note(cpuRates)}`);
  console.log(`(load average now ${loadavg().map((l) => l.toFixed(2)).join(', ')})\n`);
}
