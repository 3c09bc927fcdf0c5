import { createRouter, createWebHashHistory } from 'vue-router'

export const router = createRouter({
  // Hash history: the webview serves index.html from disk and knows no other path.
  history: createWebHashHistory(),
  routes: [
    { path: '/', redirect: '/achievements' },
    { path: '/achievements', name: 'achievements', component: () => import('./views/portfolio/index.vue') },
    {
      path: '/achievements/:id(\\d+)',
      name: 'achievement',
      component: () => import('./views/portfolio/detail.vue'),
      props: (route) => ({ id: Number(route.params.id) }),
    },
    { path: '/import', name: 'import', component: () => import('./views/import/index.vue') },
    { path: '/:rest(.*)*', redirect: '/achievements' },
  ],
})
