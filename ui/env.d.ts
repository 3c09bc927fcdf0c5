/// <reference types="vite/client" />
/// <reference types="vitest/config" />

interface ImportMetaEnv {
  /** `fake` in `--mode fake` builds (see .env.fake): the API runs over in-memory data. */
  readonly VITE_BACKEND?: 'fake'
}
