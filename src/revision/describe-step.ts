import type { PlanStep } from './types.js'

/** Alembic's wording, so logs read the same: `Running upgrade A -> B, message`. */
export function describeStep(step: PlanStep, message: string): string {
  const from = step.fromRevisions.join(', ')
  const to = step.toRevisions.join(', ')
  return `Running ${step.direction} ${from} -> ${to}${message ? `, ${message}` : ''}`
}
