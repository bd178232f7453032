import { test, expect, Page } from '@playwright/test';
import { open, openItem, signIn } from './helpers';

/** Yesterday in the portal's zone (UTC+5), as YYYY-MM-DD. */
function yesterday(): string {
  const d = new Date(Date.now() + 5 * 3600 * 1000);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** A YYYY-MM-DD day as the English pages write it: "3 Dec 2026". */
function englishDate(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${d} ${months[m - 1]} ${y}`;
}

/** Reloads until `check` passes (a background import finishing). */
async function eventually(page: Page, check: () => Promise<void>) {
  for (let i = 0; i < 20; i++) {
    try {
      await check();
      return;
    } catch {
      await page.waitForTimeout(500);
      await page.reload();
    }
  }
  await check();
}

for (const js of [false, true]) {
  test.describe(js ? 'with JavaScript' : 'without JavaScript', () => {
    test.use({ javaScriptEnabled: js });

    test('an analyst logs mentions by form and CSV, reads the digest, asks for a refutation, and the answer from the inbox marks the mention answered', async ({ browser, page }) => {
      const tag = `${js ? 'js' : 'nojs'}${Date.now()}`;
      const outlet = `Radio ${tag}`;
      const headline = `Ministry accused of delays ${tag}`;
      const day = yesterday();

      await signIn(page, js, 'analyst');
      await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
      await open(page, '/staff/media', js);

      // A new outlet in the managed list.
      const outlets = page.locator('section[aria-labelledby="media-outlets-h"]');
      await outlets.getByLabel('Name').fill(outlet);
      await outlets.getByLabel('Media type').selectOption('radio');
      await outlets.getByRole('button', { name: 'Add an outlet' }).click();
      await expect(outlets.locator('table')).toContainText(outlet);

      // A negative mention by the form; a bad link is named beside its field first.
      const form = page.locator('section[aria-labelledby="media-add-h"]');
      await form.getByLabel('Outlet').selectOption(outlet);
      await form.getByLabel('Headline').fill(headline);
      await form.getByLabel('Link').fill(`https://radio.example.kz/${tag}`);
      await form.getByLabel('Date').fill(day);
      await form.getByLabel('Tone').selectOption('negative');
      await form.getByLabel('Department').selectOption('MEDIA');
      await form.getByRole('button', { name: 'Log a mention' }).click();
      await expect(page.locator('table.mentions')).toContainText(headline);

      // The same story again is caught as a duplicate.
      await form.getByLabel('Outlet').selectOption(outlet);
      await form.getByLabel('Headline').fill(`${headline} (again)`);
      await form.getByLabel('Link').fill(`https://www.radio.example.kz/${tag}/?utm_source=tg`);
      await form.getByLabel('Date').fill(day);
      await form.getByLabel('Tone').selectOption('negative');
      await form.getByRole('button', { name: 'Log a mention' }).click();
      await expect(page.locator('#f-url-err')).toContainText('already registered');

      // Many at once from a CSV file: bad lines are reported by number and left out.
      await open(page, '/staff/media', js);
      const csv = [
        'outlet,media_type,headline,url,date,tone,reach,topic,department,summary',
        `${outlet},,Good news ${tag},https://radio.example.kz/${tag}/good,${day},positive,1000,youth,YOUTH,`,
        `Nobody FM,,Rumour ${tag},https://nobody.example.kz/${tag},${day},negative,,,,`,
        `${outlet},,Bad date ${tag},https://radio.example.kz/${tag}/date,31.02.2026,neutral,,,,`,
      ].join('\n');
      await page.getByLabel('CSV file', { exact: true }).setInputFiles({ name: 'mentions.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page.getByRole('button', { name: 'Check the file' }).click();
      await expect(page).toHaveURL(/\/staff\/media\/import\/\d+/);
      await expect(page.locator('p.import-ok')).toContainText('1');
      const errors = page.locator('table.import-errors');
      await expect(errors.locator('tr[data-line="3"]')).toContainText('Outlet not in the list');
      await expect(errors.locator('tr[data-line="4"]')).toContainText('Use a date such as');
      await page.getByRole('button', { name: /Import the good lines/ }).click();
      await eventually(page, async () => {
        await expect(page.locator('p.import-done strong')).toHaveText('1', { timeout: 1000 });
      });

      // The digest of that day lists the negative story.
      await open(page, `/staff/media/digest?day=${day}`, js);
      await expect(page.locator('h1')).toContainText(`Daily digest ${englishDate(day)}`);
      await expect(page.locator('table.digest-types tr[data-key="radio"]')).toBeVisible();
      await page.locator('table.digest-negative').getByRole('link', { name: headline }).click();

      // A refutation is asked of the media-relations department.
      await expect(page.locator('h1')).toHaveText(headline);
      const ask = page.locator('section[aria-labelledby="ask-h"]');
      await ask.getByLabel('Response', { exact: true }).selectOption('refute');
      await ask.getByLabel('Department', { exact: true }).selectOption('MEDIA');
      await ask.getByRole('button', { name: 'Ask for a response' }).click();
      const task = page.locator('section[aria-labelledby="task-h"] a');
      await expect(task).toHaveText(/MR-\d{4}-\d{6}/);
      const code = await task.innerText();
      await expect(page.locator('dd.response-status')).toHaveText('Refute: waiting');

      // The department's head answers it from the inbox.
      const head = await (await browser.newContext({ javaScriptEnabled: js })).newPage();
      await signIn(head, js, 'media.head');
      await expect(head.getByRole('button', { name: 'Sign out' })).toBeVisible();
      await open(head, '/staff/inbox', js);
      await head.getByLabel('Code or words').fill(code);
      await head.getByRole('button', { name: 'Show' }).click();
      // The unfiltered list may already hold the link: follow it only once
      // the search has landed, or the search's late arrival replaces the item page.
      await expect(head).toHaveURL(/[?&]q=/);
      await openItem(head, code);
      const outcome = `Refutation published on the ministry site: https://ministry.example.kz/refute/${tag}`;
      await head.getByLabel("Answer in the request's language").fill(outcome);
      await head.getByRole('button', { name: 'Send the answer' }).click();
      await expect(head.locator('strong.status')).toHaveText('Answered');

      // The mention now shows the response as answered, with what was published.
      await open(page, page.url(), js);
      await expect(page.locator('dd.response-status')).toHaveText('Refute: answered');
      await expect(page.locator('p.outcome')).toHaveText(outcome);
    });
  });
}
