import { describe, expect, it } from 'vitest';
import { compareNames } from '../../src/core/text.js';

describe('compareNames', () => {
  it('sorts alphabetically with case and accents aside, as a reader expects', () => {
    const names = ['Zoë Smit', 'émile Laurent', 'anna Bakker', 'Émile Dubois', 'Ömer Yilmaz', 'Bram de Wit', 'Olaf Vos'];
    expect([...names].sort(compareNames)).toEqual(['anna Bakker', 'Bram de Wit', 'Émile Dubois', 'émile Laurent', 'Olaf Vos', 'Ömer Yilmaz', 'Zoë Smit']);
  });

  it('keeps names that fold alike in a fixed order, so a listing never shuffles between runs', () => {
    expect(['Eva', 'éva', 'Éva', 'eva'].sort(compareNames)).toEqual(['Eva', 'eva', 'Éva', 'éva']);
    expect(compareNames('Anna', 'Anna')).toBe(0);
  });
});
