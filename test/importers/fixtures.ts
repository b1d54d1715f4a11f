import { readFileSync } from 'node:fs';
import type { ImportRow } from '../../src/importers/index.js';

export const fixture = (path: string): Buffer => readFileSync(new URL(`../fixtures/${path}`, import.meta.url));

/** An expected row: the fields a test names, null for the rest. */
export const row = (line: number, name: string, fields: Partial<Omit<ImportRow, 'line' | 'name'>> = {}): ImportRow => ({
  line,
  name,
  title: null,
  company: null,
  industry: null,
  size: null,
  location: null,
  linkedin: null,
  email: null,
  connectedOn: null,
  ...fields,
});
