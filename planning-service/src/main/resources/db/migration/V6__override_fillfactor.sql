-- Leave half of each page free in the two 100k-row tables that CSV imports rewrite: an UPDATE that changes a
-- row's territory or reason then fits on the same page and skips the index (a HOT update). Measured on 100k
-- changed overrides: 1,575 ms → 627 ms for the merge (docs/benchmarks/planning.md). Costs about twice the table size.
ALTER TABLE account_override SET (fillfactor = 50);
ALTER TABLE account_exclusion SET (fillfactor = 50);
