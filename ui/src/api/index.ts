// The only module that talks to the Tauri backend. Every screen goes through these functions,
// so the fake build (`--mode fake`) can swap the whole backend for src/api/fake.ts.
import { invoke, type InvokeArgs } from '@tauri-apps/api/core'
import { open } from '@tauri-apps/plugin-dialog'
import * as fake from './fake'
import { ApiError } from './error'
import type {
  AchievementDetail,
  AchievementPage,
  AchievementQuery,
  ImportSummary,
  Institution,
  PortfolioFilters,
  Table,
} from './types.gen'

export { ApiError }
export type * from './types.gen'

// A build-time constant: the real build drops the fake backend entirely.
const useFake = import.meta.env.VITE_BACKEND === 'fake'

async function call<T>(command: string, args?: InvokeArgs): Promise<T> {
  try {
    return await invoke<T>(command, args)
  } catch (error) {
    throw ApiError.from(error)
  }
}

export function getInstitution(): Promise<Institution> {
  return useFake ? fake.getInstitution() : call('get_institution')
}

export function listAchievements(query: AchievementQuery): Promise<AchievementPage> {
  return useFake ? fake.listAchievements(query) : call('list_achievements', { query })
}

export function getAchievement(id: number): Promise<AchievementDetail> {
  return useFake ? fake.getAchievement(id) : call('get_achievement', { id })
}

export function portfolioFilters(): Promise<PortfolioFilters> {
  return useFake ? fake.portfolioFilters() : call('portfolio_filters')
}

/** Tauri turns `dryRun` into the command's `dry_run` argument. */
export function importFile(table: Table, path: string, dryRun: boolean): Promise<ImportSummary> {
  return useFake ? fake.importFile(table, path, dryRun) : call('import_file', { table, path, dryRun })
}

/** The native open dialog for one workbook; null when cancelled. */
export async function pickImportFile(): Promise<string | null> {
  if (useFake) return fake.pickImportFile()
  try {
    return await open({ multiple: false, directory: false, filters: [{ name: 'Excel / CSV', extensions: ['xlsx', 'csv'] }] })
  } catch (error) {
    throw ApiError.from(error)
  }
}
