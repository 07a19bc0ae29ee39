import { importModule } from '../script/import-module.js'
import type { View } from '../schema/view.js'
import { isViewLike } from './view.js'

/**
 * The views of a models module: those of its `defineModels(...)` (default
 * or `models` export), else every exported view. The module is the one
 * `loadModels` imported, so this reads it from the module cache.
 *
 * @example
 * const views = await loadModelViews('/app/src/models.ts') // [{ name: 'active_users', definition: 'SELECT …' }]
 */
export async function loadModelViews(file: string): Promise<View[]> {
  const module = await importModule(file)
  for (const candidate of [module['default'], module['models']]) {
    if (typeof candidate === 'object' && candidate !== null && Array.isArray((candidate as { tables?: unknown }).tables)) {
      const views = (candidate as { views?: unknown }).views
      return Array.isArray(views) ? views.filter(isViewLike) : []
    }
  }
  return Object.values(module).filter(isViewLike)
}
