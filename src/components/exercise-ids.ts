let count = 0;

/** An id for an exercise that was not given one: a counter, so exercises on one page never share ids. */
export function nextExerciseId(): string {
  count++;
  return `check-yourself-${count}`;
}
