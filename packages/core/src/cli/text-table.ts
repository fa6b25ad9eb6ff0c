/**
 * Lays rows out as aligned columns, two spaces apart, for a terminal: one string per line, the
 * header first, no trailing spaces. Widths count code points, so `↑` and `é` take one column.
 */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((row) => width(row[column] ?? ''))));
  return all.map((row) =>
    row
      .map((cell, column) => cell + ' '.repeat(column === row.length - 1 ? 0 : widths[column]! - width(cell)))
      .join('  ')
      .trimEnd(),
  );
}

function width(text: string): number {
  return [...text].length;
}
