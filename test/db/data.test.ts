import { describe, expect, it } from 'vitest';
import { openDb } from '../../src/db/open.js';
import { DERIVED_COLUMNS, DERIVED_TABLES, describeTables, isSyncState } from '../../src/db/repos/data.js';

describe('describeTables', () => {
  const db = openDb(':memory:');
  const specs = describeTables(db);
  // what refer derives for speed (the stored fits) and the team's sync state are not exported: every other table and column is
  const schema = (db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as Array<{ name: string; sql: string }>).filter(
    (t) => !DERIVED_TABLES.includes(t.name) && !isSyncState(t.name),
  );
  const derived = (table: string, column: string) => DERIVED_COLUMNS[table]?.includes(column) ?? false;

  it('lists every table once, each parent before the tables that refer to it', () => {
    expect(specs.map((s) => s.table).sort()).toEqual(schema.map((t) => t.name).sort());
    const position = new Map(specs.map((s, i) => [s.table, i]));
    for (const spec of specs) {
      for (const fk of db.pragma(`foreign_key_list(${spec.table})`) as Array<{ table: string }>) {
        expect(position.get(fk.table)!, `${fk.table} before ${spec.table}`).toBeLessThan(position.get(spec.table)!);
      }
    }
  });

  it('exports every yes/no column as a boolean and every JSON column as a value', () => {
    // A column added to the schema with CHECK (x IN (0, 1)) or a JSON default must be declared in src/core/dump.ts.
    for (const { name, sql } of schema) {
      const spec = specs.find((s) => s.table === name)!;
      for (const [, column] of sql.matchAll(/CHECK \((\w+) IN \(0, 1\)\)/g)) {
        if (derived(name, column!)) continue;
        expect(spec.columns.find((c) => c.column === column)?.kind, `${name}.${column}`).toBe('bool');
      }
      for (const c of db.pragma(`table_info(${name})`) as Array<{ name: string; dflt_value: string | null }>) {
        if (c.dflt_value === "'[]'" || c.dflt_value === "'{}'") expect(spec.columns.find((x) => x.column === c.name)?.kind, `${name}.${c.name}`).toMatch(/^json/);
      }
    }
  });

  it('requires the ids and the NOT NULL columns without a default, and allows null only where SQLite does', () => {
    const relations = specs.find((s) => s.table === 'relations')!;
    const col = (name: string) => relations.columns.find((c) => c.column === name)!;
    expect(col('id')).toMatchObject({ key: 'id', required: true, nullable: false, kind: 'integer' });
    expect(col('name')).toMatchObject({ required: true, nullable: false, kind: 'text' });
    expect(col('kind')).toMatchObject({ required: false, nullable: false });
    expect(col('archived_at')).toMatchObject({ key: 'archivedAt', required: false, nullable: true, kind: 'time' });
    expect(specs.find((s) => s.table === 'connections')!.columns.find((c) => c.column === 'connected_on')!.kind).toBe('date');
  });
});
