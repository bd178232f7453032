import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

// Screenshots of public and staff pages compared with committed baselines, so a lost
// stylesheet, an unstyled chart or a broken layout fails a test. Forms come
// from the main test portal; pages full of data come from a second portal
// (VISUAL_URL) whose demo data was seeded around a fixed moment
// (2026-06-30, 12:00 in Astana), so they look the same every day: the home
// page, the catalogue, a publication, the indicators and staff analytics of
// a fixed quarter, and the inbox. A new baseline is written with
// `npx playwright test visual --update-snapshots` through ./scripts/test's
// environment, and looked at before it is committed.

const PAGES: { name: string; path: string; full: boolean }[] = [
  { name: 'ask', path: '/ask', full: false },
  { name: 'login', path: '/login', full: false },
  { name: 'indicators', path: '/indicators?from=2020-01-06&to=2020-03-29', full: true },
];

test.describe('the look of the pages', () => {
  test.use({ javaScriptEnabled: false });

  for (const lang of ['kk', 'ru', 'en']) {
    for (const [device, width] of [['desktop', 1280], ['phone', 390]] as const) {
      for (const p of PAGES) {
        test(`${p.name} in ${lang} on a ${device}`, async ({ page }) => {
          await page.setViewportSize({ width, height: 900 });
          await page.goto(`/lang/${lang}?next=${encodeURIComponent(p.path)}`);
          await expect(page.locator('html')).toHaveAttribute('lang', lang);
          await expect(page).toHaveScreenshot(`${p.name}-${lang}-${device}.png`, {
            fullPage: p.full,
            maxDiffPixelRatio: 0.002,
            // What follows today: items overdue now, and how long ago each
            // official channel last posted.
            mask: [page.locator('.overdue-now'), page.locator('.stale-channels'), page.locator('#ch-h ~ details')],
          });
        });
      }
    }
  }
});

test.describe('the look of a staff page', () => {
  test.use({ javaScriptEnabled: false });

  test('the new-department form under the staff navigation, in every language, on a desktop and a phone', async ({ page }) => {
    await signIn(page, false, 'admin');
    for (const lang of ['kk', 'ru', 'en']) {
      for (const [device, width] of [['desktop', 1280], ['phone', 390]] as const) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto(`/lang/${lang}?next=${encodeURIComponent('/admin/departments/new')}`);
        await expect(page.locator('html')).toHaveAttribute('lang', lang);
        await expect(page).toHaveScreenshot(`department-form-${lang}-${device}.png`, { fullPage: true, maxDiffPixelRatio: 0.002 });
      }
    }
  });
});

// What still moves on the fixed-data portal: tracking codes (random), and
// what is counted against today (items overdue now and by how many working
// days, how long ago official channels last posted).
const MOVING = ['.overdue-now', '.stale-channels', '#ch-h ~ details', '.tracking-code', '.badge.late'];

// Each page's first screen, and for pages with charts their first chart
// whole (a full-page picture of a long page would weigh a megabyte each).
const DATA_PAGES: { name: string; path: string; staff: boolean; chart?: string }[] = [
  { name: 'home', path: '/', staff: false },
  { name: 'catalogue', path: '/publications', staff: false },
  { name: 'publication', path: '/publications/1', staff: false, chart: '.chart' },
  { name: 'indicators-quarter', path: '/indicators?from=2026-04-06&to=2026-06-28', staff: false, chart: '.chart-grid .chart' },
  { name: 'inbox', path: '/staff/inbox', staff: true },
  { name: 'analytics', path: '/staff/analytics?from=2026-04-06&to=2026-06-28', staff: true, chart: '.chart' },
];

test.describe('the look of pages full of data', () => {
  test.skip(!process.env.VISUAL_URL, 'needs the fixed-data portal that ./scripts/test starts');
  test.use({ javaScriptEnabled: false, baseURL: process.env.VISUAL_URL });

  for (const p of DATA_PAGES) {
    test(`${p.name} in every language, on a desktop and a phone`, async ({ page }) => {
      if (p.staff) await signIn(page, false, 'admin', undefined, process.env.VISUAL_DATABASE_URL);
      for (const lang of ['kk', 'ru', 'en']) {
        for (const [device, width] of [['desktop', 1280], ['phone', 390]] as const) {
          await page.setViewportSize({ width, height: 900 });
          await page.goto(`/lang/${lang}?next=${encodeURIComponent(p.path)}`);
          await expect(page.locator('html')).toHaveAttribute('lang', lang);
          const mask = MOVING.map((m) => page.locator(m));
          await expect(page).toHaveScreenshot(`${p.name}-${lang}-${device}.png`, { maxDiffPixelRatio: 0.002, mask });
          if (p.chart) {
            await expect(page.locator(p.chart).first()).toHaveScreenshot(`${p.name}-chart-${lang}-${device}.png`, {
              maxDiffPixelRatio: 0.002,
              mask,
            });
          }
        }
      }
    });
  }
});
