import { test, expect, Page } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';
import { mailTo, open, openItem, signIn } from './helpers';

/** The date part of the due moment shown on an item page. */
async function dueDay(page: Page): Promise<string> {
  const text = await page.locator('dd.due').innerText();
  return text.match(/\d{4}-\d{2}-\d{2}/)![0];
}

/** Opens the <details> whose summary is `name` (clicking would close an open one). */
async function expand(page: Page, name: string) {
  const details = page.locator('details', { has: page.locator('summary', { hasText: name }) });
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) {
    await details.locator('summary').click();
  }
}

/** A weekday `days` or more calendar days after `day`. */
/** The public holidays the portal's calendar starts with, read from the
 * migration that seeds it: an extension to one of them is rightly refused. */
const HOLIDAYS = new Set(
  [...fs.readFileSync(path.join(__dirname, '../../migrations/sqlite/0003_calendar.sql'), 'utf8')
    .matchAll(/\('(\d{4}-\d{2}-\d{2})', 'holiday'/g)].map((m) => m[1]),
);

/** The working day at least `days` days after `day` (weekends and holidays skipped). */
function weekdayAfter(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  const off = () => d.getUTCDay() === 0 || d.getUTCDay() === 6 || HOLIDAYS.has(d.toISOString().slice(0, 10));
  while (off()) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

for (const js of [false, true]) {
  test.describe(js ? 'with JavaScript' : 'without JavaScript', () => {
    test.use({ javaScriptEnabled: js });

    test('an item lives from the question to a published answer, and the internal note stays inside', async ({ browser, page }) => {
      const tag = `${js ? 'js' : 'nojs'}${Date.now()}`;
      const email = `citizen-${tag}@example.kz`;
      const name = `Erlan Tester${tag}`;
      const note = `Internal: check the opening date with the akimat ${tag}`;

      // A citizen asks, agreeing that the answer may be published.
      await open(page, '/ask', js);
      await page.getByLabel('Topic').selectOption('youth');
      await page.getByLabel('Subject').fill(`Youth centre ${tag}`);
      await page.getByLabel('Your question (up to 5,000 characters)').fill('When does the youth centre open? Call me on +7 701 555 44 33.');
      await page.getByLabel('Your name').fill(name);
      await page.getByLabel('Email for the answer').fill(email);
      await page.getByLabel('Language of the answer').selectOption('en');
      await page.getByLabel('The answer may be published').check();
      await page.getByRole('button', { name: 'Send' }).click();
      await expect(page).toHaveURL(/\/track\/Q-\d{4}-\d{6}\?token=/);
      const statusUrl = page.url();
      const code = await page.locator('dd.tracking-code').innerText();

      // The routed department's officer finds it in the inbox.
      const staff = await (await browser.newContext({ javaScriptEnabled: js })).newPage();
      await signIn(staff, js, 'youth.officer');
      await expect(staff.getByRole('button', { name: 'Sign out' })).toBeVisible();
      await open(staff, '/staff/inbox', js);
      await staff.getByLabel('Code or words').fill(code);
      await staff.getByRole('button', { name: 'Show' }).click();
      // The unfiltered list may already hold the link: follow it only once
      // the search has landed, or the search's late arrival replaces the item page.
      await expect(staff).toHaveURL(/[?&]q=/);
      await openItem(staff, code);
      await expect(staff.locator('section.submitter')).toContainText(email);

      // An internal note.
      await staff.getByLabel('Note', { exact: true }).fill(note);
      await staff.getByRole('button', { name: 'Add note' }).click();
      await expect(staff.locator('ol.timeline')).toContainText(note);

      // A reply from a canned answer, then published.
      // Inserting reloads the page. With JavaScript, the officer types while
      // the page is still loading (its browser bundle held back here): what
      // they typed must survive the page coming to life.
      let release = () => {};
      if (js) {
        const held = new Promise<void>((r) => (release = r));
        await staff.route('**/pkg/*.wasm', async (route) => {
          await held;
          await route.continue();
        });
      }
      await staff.getByLabel('Canned answer').selectOption({ label: 'Thanks and answer' });
      await staff.getByRole('button', { name: 'Insert' }).click();
      const reply = staff.getByLabel("Answer in the request's language");
      await expect(reply).toHaveValue(/Dear \{name\}/);
      await reply.fill((await reply.inputValue()).replace('{code} of {received}. ', '{code} of {received}. The centre opens on 1 December. '));
      if (js) {
        await expect(staff.locator('body')).not.toHaveAttribute('data-hydrated', 'true');
        release();
        await expect(staff.locator('body')).toHaveAttribute('data-hydrated', 'true');
        await staff.unroute('**/pkg/*.wasm');
      }
      await expect(reply).toHaveValue(/The centre opens on 1 December/);
      await staff.getByRole('button', { name: 'Send the answer' }).click();
      await expect(staff.locator('strong.status')).toHaveText('Answered');
      // Publishing goes through the moderator's check of the redacted texts.
      await staff.getByRole('link', { name: 'Check and publish the answer' }).click();
      await expect(staff).toHaveURL(new RegExp(`/staff/items/${code}/publish`));
      await expect(staff.locator('p.public-question mark.redaction').first()).toBeVisible();
      await staff.getByRole('button', { name: 'Publish these texts' }).click();
      await expect(staff.locator('.published-note')).toHaveText('This answer is published in the archive.');

      // The citizen gets the answer by email, with their name filled in, and on the status page.
      const mail = await mailTo(email, 'The centre opens on 1 December');
      expect(mail).toContain(`Dear ${name}`);
      expect(mail).toContain(code);
      await page.goto(statusUrl);
      await expect(page.locator('p.comment-text')).toContainText('The centre opens on 1 December');
      await expect(page.locator('body')).not.toContainText(note);

      // The archive shows the answer and the question without personal data or the note.
      await open(page, `/answers?q=${code}`, js);
      const entry = page.locator('article.answer-entry');
      await expect(entry).toContainText('The centre opens on 1 December');
      await expect(entry).toContainText('When does the youth centre open?');
      await expect(entry).not.toContainText('555 44 33');
      await expect(entry).not.toContainText(name);
      await expect(page.locator('body')).not.toContainText(note);
    });

    test('a department head extends a deadline once, the journalist is told, and a second extension is refused', async ({ page, request }) => {
      const tag = `${js ? 'js' : 'nojs'}${Date.now()}`;
      const email = `desk-${tag}@kazinform.example`;
      const r = await request.post('/api/v1/questions', {
        data: {
          kind: 'press_query', topic: 'digital', department: 'MEDIA', subject: `Figures ${tag}`,
          text: 'Please send the 2026 figures.', name: 'Journalist', email, language: 'en', outlet: 'Kazinform',
        },
      });
      expect(r.status()).toBe(201);
      const { tracking_code: code } = await r.json();

      await signIn(page, js, 'media.head');
      await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
      await open(page, `/staff/items/${code}`, js);
      const due = await dueDay(page);
      const newDue = weekdayAfter(due, 2);
      await expand(page, 'Extend the deadline');
      await page.getByLabel('New due date').fill(newDue);
      await page.locator('#f-extend_reason').fill('Several holders of the information are involved');
      await page.getByRole('button', { name: 'Extend the deadline' }).click();
      await expect(page.locator('dd.due')).toContainText(newDue);
      await expect(page.locator('ol.timeline')).toContainText('Deadline extended');
      await expect(page.locator('ol.timeline')).toContainText('Submitter told by email');
      const mail = await mailTo(email, 'extended');
      expect(mail).toContain(newDue);
      expect(mail).toContain('Several holders of the information are involved');

      // Once only: the second try is refused with a clear message.
      await expand(page, 'Extend the deadline');
      await page.getByLabel('New due date').fill(weekdayAfter(newDue, 1));
      await page.locator('#f-extend_reason').fill('Still waiting');
      await page.getByRole('button', { name: 'Extend the deadline' }).click();
      await expect(page.getByRole('alert').filter({ hasText: 'The deadline has already been extended once.' })).toBeVisible();
      await expect(page.locator('dd.due')).toContainText(newDue);
    });
  });
}
