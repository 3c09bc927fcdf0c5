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
    { path: '/rewards', name: 'rewards', component: () => import('./views/rewards/index.vue') },
    {
      path: '/rewards/new',
      name: 'reward-plan',
      component: () => import('./views/rewards/plan.vue'),
      props: (route) => ({ contract: typeof route.query.contract === 'string' ? route.query.contract : '' }),
    },
    {
      path: '/rewards/:id(\\d+)',
      name: 'reward',
      component: () => import('./views/rewards/detail.vue'),
      props: (route) => ({ id: Number(route.params.id) }),
    },
    { path: '/annual', name: 'annual', component: () => import('./views/annual/index.vue') },
    { path: '/settings', name: 'settings', component: () => import('./views/settings/index.vue') },
    { path: '/:rest(.*)*', redirect: '/achievements' },
  ],
})
