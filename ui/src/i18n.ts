import { createI18n } from 'vue-i18n'
import elementEn from 'element-plus/es/locale/lang/en.mjs'
import elementZhCn from 'element-plus/es/locale/lang/zh-cn.mjs'
import { ApiError } from './api'
import en from './locales/en'
import zhCN from './locales/zh-CN'

export const LOCALES = ['zh-CN', 'en'] as const
export type Locale = (typeof LOCALES)[number]

/** Element Plus's own strings (pagination, empty states) follow the app's language. */
export const elementLocales = { 'zh-CN': elementZhCn, en: elementEn }

const STORAGE_KEY = 'transferdesk.locale'
const saved = localStorage.getItem(STORAGE_KEY)

export const i18n = createI18n({
  legacy: false,
  locale: LOCALES.find((l) => l === saved) ?? 'zh-CN',
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
})

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale
  localStorage.setItem(STORAGE_KEY, locale)
  document.documentElement.lang = locale
}

/** The text for a failed call: ours for known codes, so the UI never depends on backend wording. */
export function errorText(error: unknown): string {
  const { code, message } = ApiError.from(error)
  const key = `error.${code}`
  return i18n.global.te(key) ? i18n.global.t(key) : message
}
