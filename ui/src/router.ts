import { createRouter, createWebHashHistory } from 'vue-router'

export const router = createRouter({
  // Hash history: the webview serves index.html from disk and knows no other path.
  history: createWebHashHistory(),
  routes: [
    { path: '/', redirect: '/dashboard' },
    { path: '/dashboard', name: 'dashboard', component: () => import('./views/dashboard/index.vue') },
    { path: '/achievements', name: 'achievements', component: () => import('./views/portfolio/index.vue') },
    {
      path: '/achievements/:id(\\d+)',
      name: 'achievement',
      component: () => import('./views/portfolio/detail.vue'),
      props: (route) => ({ id: Number(route.params.id) }),
    },
    {
      path: '/achievements/new',
      name: 'achievement-new',
      component: () => import('./views/portfolio/form.vue'),
      props: (route) => ({ id: null, disclosure: typeof route.query.disclosure === 'string' && /^\d+$/.test(route.query.disclosure) ? Number(route.query.disclosure) : null }),
    },
    {
      path: '/achievements/:id(\\d+)/edit',
      name: 'achievement-edit',
      component: () => import('./views/portfolio/form.vue'),
      props: (route) => ({ id: Number(route.params.id), disclosure: null }),
    },
    { path: '/disclosures', name: 'disclosures', component: () => import('./views/disclosures/index.vue') },
    {
      path: '/disclosures/:id(\\d+)',
      name: 'disclosure',
      component: () => import('./views/disclosures/detail.vue'),
      props: (route) => ({ id: Number(route.params.id) }),
    },
    { path: '/contracts', name: 'contracts', component: () => import('./views/contracts/index.vue') },
    {
      path: '/contracts/new',
      name: 'contract-new',
      component: () => import('./views/contracts/form.vue'),
      props: (route) => ({ id: null, publicity: typeof route.query.publicity === 'string' && /^\d+$/.test(route.query.publicity) ? Number(route.query.publicity) : null }),
    },
    {
      path: '/contracts/:id(\\d+)',
      name: 'contract',
      component: () => import('./views/contracts/detail.vue'),
      props: (route) => ({ id: Number(route.params.id) }),
    },
    {
      path: '/contracts/:id(\\d+)/edit',
      name: 'contract-edit',
      component: () => import('./views/contracts/form.vue'),
      props: (route) => ({ id: Number(route.params.id), publicity: null }),
    },
    { path: '/publicity', name: 'publicity', component: () => import('./views/publicity/index.vue') },
    { path: '/grants', name: 'grants', component: () => import('./views/grants/index.vue') },
    { path: '/import', name: 'import', component: () => import('./views/import/index.vue') },
    { path: '/import/wizard', name: 'import-wizard', component: () => import('./views/import/wizard.vue') },
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
    { path: '/fees', name: 'fees', component: () => import('./views/fees/index.vue') },
    { path: '/annual', name: 'annual', component: () => import('./views/annual/index.vue') },
    { path: '/audit', name: 'audit', component: () => import('./views/audit/index.vue') },
    { path: '/settings', name: 'settings', component: () => import('./views/settings/index.vue') },
    { path: '/accounts', name: 'accounts', component: () => import('./views/accounts/index.vue') },
    // people and organizations
    { path: '/people', name: 'people', component: () => import('./views/people/index.vue') },
    {
      path: '/people/:id(\\d+)',
      name: 'person',
      component: () => import('./views/people/detail.vue'),
      props: (route) => ({ id: Number(route.params.id) }),
    },
    { path: '/organizations', name: 'organizations', component: () => import('./views/organizations/index.vue') },
    {
      path: '/organizations/:id(\\d+)',
      name: 'organization',
      component: () => import('./views/organizations/detail.vue'),
      props: (route) => ({ id: Number(route.params.id) }),
    },
    { path: '/:rest(.*)*', redirect: '/dashboard' },
  ],
})
