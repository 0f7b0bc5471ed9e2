/** Collects WHERE clauses and their parameters for the filtered list queries. */
export class Conditions {
  readonly clauses: string[] = [];
  readonly params: unknown[] = [];

  add(clause: string, ...values: unknown[]): this {
    this.clauses.push(clause);
    this.params.push(...values);
    return this;
  }

  /** `column IN (?, …)`; skipped for an empty or absent list. */
  in(column: string, values: readonly unknown[] | undefined): this {
    if (values?.length) this.add(`${column} IN (${values.map(() => '?').join(', ')})`, ...values);
    return this;
  }

  where(): string {
    return this.clauses.length ? `WHERE ${this.clauses.join(' AND ')}` : '';
  }
}
