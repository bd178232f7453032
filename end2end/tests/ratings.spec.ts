import { test, expect, Page } from '@playwright/test';
import { open, signIn } from './helpers';

/** The newest demo publication, through the open-data API. */
async function somePublication(page: Page, offset: number): Promise<{ id: number; title: string }> {
  const r = await page.request.get(`/api/v1/publications?sort=newest&per_page=10&lang=en`);
  const body = await r.json();
  const p = body.items[offset];
  return { id: p.id, title: p.title };
}

async function ratingCount(page: Page): Promise<number> {
  return Number(await page.locator('dd.count').first().innerText());
}

async function rate(page: Page, stars: number, tone: string, comment = '') {
  await page.getByRole('radio', { name: `${stars} ★` }).check();
  await page.getByRole('radio', { name: tone }).check();
  await page.getByLabel('I am').selectOption('citizen');
  await page.getByLabel('Comment (optional)').fill(comment);
  await page.getByRole('button', { name: 'Send rating' }).click();
}

for (const js of [true, false]) {
  test.describe(js ? 'with JavaScript' : 'without JavaScript', () => {
    test.use({ javaScriptEnabled: js });

    test('a citizen rates a publication, and rating again changes the summary instead of adding to it', async ({ page }) => {
      const pub = await somePublication(page, js ? 0 : 1);
      await open(page, `/publications/${pub.id}`, js);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(pub.title);
      const before = await ratingCount(page);

      await rate(page, 5, 'Positive');
      await expect(page.getByRole('status')).toHaveText('Thank you! Your rating is counted. Rating again replaces it.');
      await expect(page.locator('dd.count')).toHaveText(String(before + 1));

      await rate(page, 1, 'Negative');
      await expect(page.getByRole('status')).toBeVisible();
      await expect(page.locator('dd.count')).toHaveText(String(before + 1));
      await expect(page.getByText('You have rated this publication')).toBeVisible();
      await expect(page.getByRole('radio', { name: '1 ★' })).toBeChecked();
    });

    test('stars out of range are refused beside the field with the comment kept', async ({ page }) => {
      const pub = await somePublication(page, js ? 2 : 3);
      await open(page, `/publications/${pub.id}`, js);
      await page.getByRole('radio', { name: 'Neutral' }).check();
      await page.getByLabel('Comment (optional)').fill('I forgot the stars');
      await page.getByRole('button', { name: 'Send rating' }).click();
      await expect(page.locator('#rate-stars-err')).toHaveText('This field is required.');
      await expect(page.getByLabel('Comment (optional)')).toHaveValue('I forgot the stars');
    });
  });
}

test('a comment appears only after a moderator approves it, and a script tag shows as text', async ({ browser }) => {
  const citizen = await browser.newPage();
  const pub = await somePublication(citizen, 4);
  const stamp = Date.now();
  const text = `Useful, thanks ${stamp} <script>document.title='pwned'</script>`;
  await open(citizen, `/publications/${pub.id}`, true);
  await rate(citizen, 4, 'Positive', text);
  await expect(citizen.getByRole('status')).toBeVisible();
  // Not among the comments yet (the citizen's own form still shows it to them).
  await expect(citizen.locator('.comment-text').filter({ hasText: `Useful, thanks ${stamp}` })).toHaveCount(0);

  const moderator = await browser.newPage();
  await signIn(moderator, true, 'moderator');
  await expect(moderator).toHaveURL(/\/staff$/);
  await open(moderator, '/staff/moderation', true);
  const item = moderator.locator('li.queued').filter({ hasText: `Useful, thanks ${stamp}` });
  await expect(item).toBeVisible();
  await item.getByRole('button', { name: 'Approve' }).click();
  await expect(moderator.locator('li.queued').filter({ hasText: `Useful, thanks ${stamp}` })).toHaveCount(0);

  await citizen.goto(`/publications/${pub.id}`);
  await expect(citizen.locator('.comment-text').filter({ hasText: `Useful, thanks ${stamp}` })).toHaveText(text);
  expect(await citizen.title()).not.toBe('pwned');
});
