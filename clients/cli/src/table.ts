/** How a column lines up: text left, numbers right. */
export type Align = 'left' | 'right';

const width = (text: string) => [...text].length;

/**
 * Renders rows under a header as aligned plain-text lines (no borders, two spaces between
 * columns), the way `kubectl get` and `docker ps` print: easy to read and to grep.
 */
export function renderTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  align: readonly Align[] = [],
): string[] {
  const widths = header.map((title, column) =>
    Math.max(width(title), ...rows.map((row) => width(row[column] ?? ''))),
  );
  const render = (cells: readonly string[]) =>
    cells
      .map((cell, column) => {
        const pad = ' '.repeat((widths[column] ?? 0) - width(cell));
        return align[column] === 'right' ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd();
  return [render(header), ...rows.map(render)];
}
