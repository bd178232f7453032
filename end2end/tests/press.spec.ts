import { test, expect } from '@playwright/test';
import { execFileSync } from 'child_process';
import { open, signIn } from './helpers';

/** A day in the portal's zone (UTC+5), `back` days ago, as YYYY-MM-DD. */
function localDay(back: number): string {
  const d = new Date(Date.now() + 5 * 3600 * 1000);
  d.setUTCDate(d.getUTCDate() - back);
  return d.toISOString().slice(0, 10);
}

/** `ashyq media fetch`: every source read now, one line per source. */
function fetchNow(): string {
  const bin = process.env.PORTAL_BIN;
  if (!bin) throw new Error('PORTAL_BIN is not set: run the browser tests through ./scripts/test');
  return execFileSync(bin, ['media', 'fetch'], { encoding: 'utf8', env: process.env });
}

for (const js of [false, true]) {
  test.describe(js ? 'with JavaScript' : 'without JavaScript', () => {
    test.use({ javaScriptEnabled: js });

    test('an analyst adds a press source, sees its item join a story told by other outlets, and corrects the suggested tone', async ({ page }) => {
      const tag = `${js ? 'js' : 'nojs'}${Date.now()}`;
      const outlet = `Outlet ${tag}`;
      const base = process.env.BASE_URL ?? 'http://127.0.0.1:3107';

      await signIn(page, js, 'analyst');
      await open(page, '/staff/media', js);
      const outlets = page.locator('section[aria-labelledby="media-outlets-h"]');
      await outlets.getByLabel('Name').fill(outlet);
      await outlets.getByLabel('Media type').selectOption('online');
      await outlets.getByRole('button', { name: 'Add an outlet' }).click();
      await expect(outlets.locator('table')).toContainText(outlet);

      // The sources page: the demo's own sources are listed with their health.
      await page.locator('p.hint').getByRole('link', { name: 'Press sources' }).click();
      await expect(page.locator('h1')).toHaveText('Press sources');
      await expect(page.locator('table.sources')).toContainText('Tengrinews RSS');

      // A bad address is named beside its field, then the source is added.
      const add = page.locator('section[aria-labelledby="src-add-h"]');
      await add.getByLabel('Name').fill(`Source ${tag}`);
      await add.getByLabel('Kind').selectOption('rss');
      await add.getByLabel('Address').fill('ftp://example.kz/feed');
      await add.getByLabel('Outlet').selectOption(outlet);
      await add.getByRole('button', { name: 'Add a source' }).click();
      await expect(page.locator('#f-url-err')).toBeVisible();
      await add.getByLabel('Address').fill(`${base}/demo/press/e/${tag}/zakon.xml`);
      await add.getByLabel('Outlet').selectOption(outlet);
      await add.getByRole('button', { name: 'Add a source' }).click();
      const row = page.locator('table.sources tr', { hasText: `Source ${tag}` });
      await expect(row).toContainText('Not read yet');

      // One pass now (the background task would within a minute). The other
      // test's pass, at the same moment, may be the one that reads it.
      const report = fetchNow();
      if (report.includes(`Source ${tag}:`)) expect(report).toContain(`Source ${tag}: 2 items, 2 new, 1 mentions`);
      for (let i = 0; i < 20 && !(await row.innerText()).includes('Working'); i++) {
        await page.waitForTimeout(500);
        await open(page, '/staff/media/sources', js);
      }
      await expect(row).toContainText('Working');

      // In the register, the new mention belongs to a story several outlets told.
      await open(page, `/staff/media?from=${localDay(3)}&to=${localDay(0)}`, js);
      const mention = page.locator('table.mentions tr', { hasText: outlet });
      await expect(mention).toContainText('Negative (suggested)');
      await mention.locator('a.badge.story').click();
      await expect(page.locator('h1')).toContainText('Story');
      const story = page.locator('table.mentions');
      await expect(story).toContainText('Tengrinews');
      await expect(story).toContainText(outlet);
      await expect(story.locator('tr').nth(1)).toContainText('first');

      // The suggested tone shows the words that decided it; the analyst corrects it.
      await story.locator('tr', { hasText: outlet }).getByRole('link').click();
      const tone = page.locator('section[aria-labelledby="tone-h"]');
      await expect(tone.locator('p.suggested-tone')).toContainText('раскритиковали');
      await tone.getByLabel('Tone').selectOption('neutral');
      await tone.getByRole('button', { name: 'Confirm the tone' }).click();
      await expect(tone).toContainText('confirmed by staff');
      await expect(tone.locator('p.suggested-tone')).toHaveCount(0);
      await open(page, `/staff/media?from=${localDay(3)}&to=${localDay(0)}`, js);
      await expect(page.locator('table.mentions tr', { hasText: outlet })).not.toContainText('(suggested)');
    });
  });
}
