/**
 * The Tutorial's running example, defined once: a mini-batch of 4 examples with 3 features, the
 * layer's γ and β, and an upstream gradient dL/dy for the backward pass.
 */
export const tutorialBatch = {
  x: [
    [1, 10, -2],
    [3, 14, 0],
    [5, 12, 4],
    [7, 20, 2],
  ],
  gamma: [1, 2, 0.5],
  beta: [0, -1, 3],
  eps: 1e-5,
  momentum: 0.1,
  dy: [
    [0.1, -0.2, 0.3],
    [0.4, 0.1, -0.1],
    [-0.3, 0.2, 0.2],
    [0.2, -0.4, 0.1],
  ],
  /** A small batch of 2 images with 2 channels of 2 × 3 pixels, for step 6. */
  images: [
    [
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      [
        [10, 10, 12],
        [8, 14, 6],
      ],
    ],
    [
      [
        [0, 1, 2],
        [3, 4, 11],
      ],
      [
        [9, 11, 13],
        [7, 15, 5],
      ],
    ],
  ],
};
