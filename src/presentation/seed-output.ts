/**
 * What the original NumPy program prints for the seed example, computed at build time by the
 * same code as the Code page's runner (and checked there against NumPy byte for byte).
 */
import { seedExample } from '../examples/seed.ts';
import { matrixLiteral } from '../lib/python-program.ts';
import { runExample } from '../lib/run-example.ts';

const outcome = runExample(matrixLiteral(seedExample.data, seedExample.dtype), seedExample.epsilon.toExponential());
if (!outcome.ok) throw new Error(`The seed example does not run: ${JSON.stringify(outcome.errors)}`);

/** The program's output, without its final newline. */
export const seedOutput = outcome.result.output.trimEnd();
