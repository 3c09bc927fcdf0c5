// The screens of the menu, each with the command it cannot work without: an account whose role
// may not call it does not see the screen (the server would refuse it anyway).
import type { Component } from 'vue'
import { inApp } from './api'
import { can } from './session'
import { AlarmClock, Bell, Coin, Document, Files, House, Key, Memo, Money, OfficeBuilding, Odometer, Opportunity, Paperclip, Setting, Tickets, Upload, User, UserFilled, Wallet } from '@element-plus/icons-vue'

export interface Screen {
  /** The route. */
  path: string
  /** The menu's label key (nav.*). */
  label: string
  icon: Component
  /** Any one of these commands makes the screen usable. */
  needs: string[]
  /** Only in a browser (the office server). */
  serverOnly?: boolean
}

export const SCREENS: Screen[] = [
  { path: '/dashboard', label: 'dashboard', icon: Odometer, needs: ['dashboard'] },
  { path: '/achievements', label: 'achievements', icon: Files, needs: ['list_achievements'] },
  { path: '/disclosures', label: 'disclosures', icon: Opportunity, needs: ['list_disclosures'] },
  { path: '/publicity', label: 'publicity', icon: Bell, needs: ['list_publicities'] },
  { path: '/grants', label: 'grants', icon: Key, needs: ['list_grants'] },
  { path: '/contracts', label: 'contracts', icon: Tickets, needs: ['list_contracts'] },
  { path: '/people', label: 'people', icon: User, needs: ['list_people'] },
  { path: '/organizations', label: 'organizations', icon: OfficeBuilding, needs: ['list_organizations'] },
  { path: '/rewards', label: 'rewards', icon: Money, needs: ['list_distributions'] },
  { path: '/fees', label: 'fees', icon: Coin, needs: ['fees_due'] },
  { path: '/prosecution', label: 'prosecution', icon: AlarmClock, needs: ['list_deadlines'] },
  { path: '/annual', label: 'annual', icon: Document, needs: ['annual_report'] },
  { path: '/import', label: 'import', icon: Upload, needs: ['import_file'] },
  { path: '/import/wizard', label: 'wizard', icon: Upload, needs: ['wizard_open'] },
  { path: '/files/bulk', label: 'bulk', icon: Paperclip, needs: ['preview_bulk_files'] },
  { path: '/audit', label: 'audit', icon: Memo, needs: ['list_audit'] },
  { path: '/accounts', label: 'accounts', icon: UserFilled, needs: ['list_accounts'], serverOnly: true },
  // The inventors' side: an inventor account can call these and nothing of the office's.
  { path: '/me', label: 'me', icon: House, needs: ['my_disclosures'], serverOnly: true },
  { path: '/me/disclosures', label: 'myDisclosures', icon: Opportunity, needs: ['my_disclosures'], serverOnly: true },
  { path: '/me/achievements', label: 'myAchievements', icon: Files, needs: ['my_achievements'], serverOnly: true },
  { path: '/me/rewards', label: 'myRewards', icon: Wallet, needs: ['my_rewards'], serverOnly: true },
  { path: '/me/publicity', label: 'myPublicity', icon: Bell, needs: ['running_publicities'], serverOnly: true },
  { path: '/settings', label: 'settings', icon: Setting, needs: ['list_policies', 'list_holidays', 'assessment_criteria', 'get_profile', 'list_backups', 'list_platforms', 'list_outside_work', 'list_projects'] },
]

/** The screen a path belongs to (a detail page belongs to its list). */
export function screenOf(path: string): Screen | undefined {
  return [...SCREENS].sort((a, b) => b.path.length - a.path.length).find((s) => path === s.path || path.startsWith(`${s.path}/`))
}

/** The screens this caller can use, in menu order (all of them at the desk). */
export function usableScreens(): Screen[] {
  return SCREENS.filter((s) => (!s.serverOnly || !inApp) && can(...s.needs))
}
