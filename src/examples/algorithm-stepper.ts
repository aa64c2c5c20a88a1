/**
 * The Tutorial's step-through of Algorithm 1 starts on this mini-batch: 4 examples (rows) of 3
 * features (columns) whose statistics read at a glance. Feature 1 has μ_B = 4 and σ²_B = 5,
 * feature 2 sits far from 0 (μ_B = 14, σ²_B = 14), and feature 3 has μ_B = 1 and σ²_B = 4, so
 * γ = 2 and β = 1 undo its normalization, up to ε.
 */
export const stepperExample = {
  data: [
    [1, 10, 3],
    [3, 14, -1],
    [5, 12, 3],
    [7, 20, -1],
  ],
  epsilon: 1e-5,
} as const;
