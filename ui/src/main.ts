import { createApp } from 'vue'
import ElementPlus from 'element-plus'
import 'element-plus/dist/index.css'
import App from './App.vue'
import { loadToday } from './api'
import { loadSession, session } from './session'
import { i18n } from './i18n'
import { router } from './router'
import './style.css'

// Who is calling (in a browser: whether anyone is signed in) and every screen's "today", the
// backend's (its rules and deadlines use it); a backend that cannot answer yet leaves the
// browser's day, and the screens show the backend's error themselves. Nobody signed in asks for
// nothing but who is calling: the server would refuse anything else.
loadSession()
  .then(() => (session.signedIn ? loadToday() : undefined))
  .catch(() => undefined)
  .finally(() => createApp(App).use(i18n).use(router).use(ElementPlus).mount('#app'))
