import { describe, expect, it } from 'vitest';
import { textTable } from './text-table.js';

describe('textTable', () => {
  it('aligns columns two spaces apart, counting ↑ and é as one column, without trailing spaces', () => {
    expect(
      textTable(
        ['a', 'metric', 'trend'],
        [
          ['tenancy', 'Équipe', '↑ +1%'],
          ['x', 'Revenue (EUR)', ''],
        ],
      ),
    ).toEqual(['a        metric         trend', 'tenancy  Équipe         ↑ +1%', 'x        Revenue (EUR)']);
  });
});
