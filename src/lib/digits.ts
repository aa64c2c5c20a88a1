/**
 * The handwritten digits as numbers: decoding the compact text of `src/data/digits.ts`, scaling
 * the pixels to [0, 1], and a fixed, seeded split into training and test sets.
 */
import { uniformGenerator } from './random.ts';

export interface Dataset {
  /** One row of 64 pixel values in [0, 1] per image. */
  x: number[][];
  /** The digit each image shows, 0–9. */
  y: number[];
}

export interface SplitDataset {
  train: Dataset;
  test: Dataset;
}

/** Decodes one line per image: 64 letters a–q (grey levels 0–16), then the label digit. */
export function decodeDigits(text: string): Dataset {
  const x: number[][] = [];
  const y: number[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.length !== 65 || !/^[a-q]{64}[0-9]$/.test(line)) {
      throw new Error(`Line ${index + 1} of the digits data is malformed: expected 64 letters a–q and a digit.`);
    }
    x.push(Array.from(line.slice(0, 64), (char) => (char.charCodeAt(0) - 97) / 16));
    y.push(Number(line[64]));
  });
  return { x, y };
}

/** A seeded Fisher–Yates permutation of 0 … n − 1. */
export function permutation(n: number, random: () => number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/** Shuffles the images with a fixed seed and keeps the first `trainCount` for training, the rest for testing. */
export function splitDigits(data: Dataset, trainCount = 1500, seed = 1): SplitDataset {
  const order = permutation(data.x.length, uniformGenerator(seed));
  const pick = (indices: number[]): Dataset => ({ x: indices.map((i) => data.x[i]), y: indices.map((i) => data.y[i]) });
  return { train: pick(order.slice(0, trainCount)), test: pick(order.slice(trainCount)) };
}
