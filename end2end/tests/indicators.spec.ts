import { test, expect } from '@playwright/test';
import { open } from './helpers';

const TITLES: Record<string, string> = {
  kk: 'Қоғамдық пікір көрсеткіштері',
  ru: 'Индикаторы общественного мнения',
  en: 'Opinion indicators',
};

/** The date `days` before today in Almaty (UTC+5), where the portal's days turn. */
function isoDaysAgo(days: number): string {
  const d = new Date(Date.now() + 5 * 3600_000);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/** An ISO day as the English pages write it: "5 Dec 2025". */
function englishDate(iso: string): string {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${months[m - 1]} ${y}`;
}

/** A count as the page writes it ("10 017", grouped by a narrow space) as a number. */
function count(text: string): number {
  return Number(text.replace(/\s/g, ''));
}

for (const js of [false, true]) {
  test.describe(js ? 'with JavaScript' : 'without JavaScript', () => {
    test.use({ javaScriptEnabled: js });

    test('the public indicators page speaks each language, and the figures and chart follow the period and a filter', async ({ page }) => {
      for (const lang of ['kk', 'ru', 'en']) {
        await page.goto(`/lang/${lang}?next=/indicators`);
        await expect(page.locator('html')).toHaveAttribute('lang', lang);
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLES[lang]);
        await expect(page.locator('tr[data-indicator="ratings"] td.current')).toHaveText(/^[\d\s]+$/);
      }
      await open(page, '/indicators', js);
      const ratings = page.locator('tr[data-indicator="ratings"] td.current');
      const bars = page.locator('#ch-ratings rect.chart-bar');
      const monthRatings = await ratings.innerText();
      const monthWeeks = await page.locator('#ch-ratings table tbody tr').count();

      // A whole year: more ratings, and a bar for every week.
      await page.getByLabel('From', { exact: true }).fill(isoDaysAgo(364));
      await page.getByRole('button', { name: 'Show' }).click();
      await expect(page).toHaveURL(/from=/);
      await expect(ratings).not.toHaveText(monthRatings);
      expect(count(await ratings.innerText())).toBeGreaterThan(count(monthRatings));
      await expect(page.locator('#ch-ratings table tbody tr')).toHaveCount(53);
      expect(monthWeeks).toBeLessThan(10);
      expect(await bars.count()).toBeGreaterThan(10);
      const yearText = await ratings.innerText();
      const yearRatings = count(yearText);

      // A filter: one channel has fewer.
      await page.getByLabel('Channel', { exact: true }).selectOption({ label: 'TV' });
      await page.getByRole('button', { name: 'Show' }).click();
      await expect(page).toHaveURL(/channel=tv/);
      await expect(ratings).not.toHaveText(yearText);
      expect(count(await ratings.innerText())).toBeLessThan(yearRatings);
      await expect(page.locator('.period')).toContainText(englishDate(isoDaysAgo(364)));

      // A start after the end: the form comes back with the message beside
      // "From" and the channel kept; correcting the date shows figures again.
      await page.getByLabel('From', { exact: true }).fill(isoDaysAgo(1));
      await page.getByLabel('To', { exact: true }).fill(isoDaysAgo(10));
      await page.getByRole('button', { name: 'Show' }).click();
      const from = page.getByLabel('From', { exact: true });
      await expect(from).toHaveAttribute('aria-invalid', 'true');
      await expect(page.locator('#ind-from-err')).toHaveText('The start must not be after the end.');
      await expect(page.getByLabel('Channel', { exact: true })).toHaveValue('tv');
      await expect(ratings).toHaveCount(0);
      await from.fill(isoDaysAgo(20));
      await page.getByRole('button', { name: 'Show' }).click();
      await expect(ratings).toHaveText(/^[\d\s]+$/);
      await expect(from).not.toHaveAttribute('aria-invalid', 'true');
    });
  });
}
