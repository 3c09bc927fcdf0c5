import { defineConfig, type Plugin } from 'vite'
import vue from '@vitejs/plugin-vue'

// The webview's policy (tauri.conf.json). The fake build carries it as a meta tag so the UI
// tests fail on anything the real webview would block; the real build gets it from Tauri.
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:"

function cspMeta(): Plugin {
  return {
    name: 'transferdesk-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP }, injectTo: 'head-prepend' },
    ],
  }
}

export default defineConfig(({ mode }) => ({
  base: './',
  plugins: [vue(), mode === 'fake' ? cspMeta() : null],
  define: {
    // vue-i18n's esm-bundler flags: JIT message compilation needs no eval, so it runs under the CSP.
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_JIT_COMPILATION__: true,
    __INTLIFY_DROP_MESSAGE_COMPILER__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  // Chinese text as \u escapes: JavaScriptCore keeps a script that is all Latin-1 in one byte per
  // character, and any other character doubles the whole source in memory.
  esbuild: { charset: 'ascii' },
  build: {
    // A desktop app loads from disk: one large Element Plus chunk costs nothing.
    chunkSizeWarningLimit: 4096,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.spec.ts'],
  },
}))
