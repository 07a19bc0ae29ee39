import type { ForeignKeyConstraint, ReferentialAction } from '../schema/types.js'

/**
 * The constraint that `createForeignKey` describes, in the facade and in a
 * batch alike.
 *
 * @example
 * foreignKeyConstraint('fk_post_user', 'user', ['user_id'], ['id'], { onDelete: 'CASCADE' })
 * foreignKeyConstraint('fk_a_b', 'b', ['b_id'], ['id'], { deferrable: true, initiallyDeferred: true })
 */
export function foreignKeyConstraint(
  name: string | null,
  referentTable: string,
  localColumns: readonly string[],
  remoteColumns: readonly string[],
  options: {
    readonly referentSchema?: string
    readonly onDelete?: ReferentialAction
    readonly onUpdate?: ReferentialAction
    readonly matchFull?: boolean
    readonly deferrable?: boolean
    readonly initiallyDeferred?: boolean
  },
): ForeignKeyConstraint {
  return {
    ...(name ? { name } : {}),
    columns: localColumns,
    referredTable: referentTable,
    referredColumns: remoteColumns,
    ...(options.referentSchema ? { referredSchema: options.referentSchema } : {}),
    ...(options.onDelete ? { onDelete: options.onDelete } : {}),
    ...(options.onUpdate ? { onUpdate: options.onUpdate } : {}),
    ...(options.matchFull === true ? { matchFull: true } : {}),
    ...(options.deferrable === true ? { deferrable: true } : {}),
    ...(options.deferrable === true && options.initiallyDeferred === true ? { initiallyDeferred: true } : {}),
  }
}
