/**
 * Cuts a named region out of a source file, so a page can show one step of a file that runs as a
 * whole. A region is the lines between `// #region name` and `// #endregion name`.
 */
export function sourceRegion(source: string, name: string): string {
  const lines = source.split('\n');
  const start = lines.findIndex((line) => line.trim() === `// #region ${name}`);
  const end = lines.findIndex((line, i) => i > start && line.trim() === `// #endregion ${name}`);
  if (start < 0 || end < 0) throw new Error(`No region "${name}" in the source.`);
  return lines.slice(start + 1, end).join('\n');
}
