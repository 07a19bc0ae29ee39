/**
 * A PostgreSQL exclusion constraint of a table: no two rows whose values
 * the operators all match (`room WITH =, during WITH &&`: no two bookings
 * of one room overlap). Held as the definition `pg_get_constraintdef`
 * writes, from `EXCLUDE` on: athanor adds it as it is, and compares it by
 * its normalised text.
 *
 * @example
 * const noOverlap: ExclusionConstraint = { name: 'no_double_booking', definition: 'EXCLUDE USING gist (during WITH &&)' }
 */
export interface ExclusionConstraint {
  readonly name: string
  /** `EXCLUDE [USING method] (element WITH operator, …) [INCLUDE …] [WITH (…)] [WHERE (…)] [DEFERRABLE …]`. */
  readonly definition: string
}
