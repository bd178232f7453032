import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

// Screenshots of public pages and a staff page compared with committed baselines, so a lost
// stylesheet, an unstyled chart or a broken layout fails a test. The pages
// show nothing that changes by the day: the question form, the sign-in
// form, and the indicators of a fixed period before the demo data begins
// (its charts have axes, legends and tables, and no bars); for staff, the
// new-department form under the grouped staff navigation. A new baseline
// is written with `npx playwright test visual --update-snapshots` through
// ./scripts/test's environment, and looked at before it is committed.

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
