import { test, expect } from '@playwright/test';
import { open, signIn, signOut } from './helpers';

// PRODUCT.md: personal data "is never in public pages". The moderator sees
// the question and the answer exactly as the archive will show them, every
// redaction marked, removes more by hand, and publishes what they checked.
for (const js of [false, true]) {
  test.describe(js ? 'with JavaScript' : 'without JavaScript', () => {
    test.use({ javaScriptEnabled: js });

    test('a moderator checks the redacted texts, removes more by hand and publishes exactly that', async ({ page, request }) => {
      const tag = `${js ? 'js' : 'nojs'}${Date.now()}`;
      const r = await request.post('/api/v1/questions', {
        data: {
          kind: 'press_query', topic: 'digital', department: 'MEDIA', subject: `Figures ${tag}`,
          text: `I am Zhanar Abenova, phone +7 701 555 44 33. My neighbour from the fifth floor asks too. Where are the ${tag} figures?`,
          name: 'Zhanar Abenova', email: `zhanar-${tag}@example.kz`, language: 'en', outlet: 'Kazinform', consent_to_publish: true,
        },
      });
      expect(r.status()).toBe(201);
      const { tracking_code: code } = await r.json();

      // An officer answers, greeting the journalist by the {name} placeholder.
      await signIn(page, js, 'media.officer');
      await open(page, `/staff/items/${code}`, js);
      await page.getByLabel("Answer in the request's language").fill('Dear {name}, the figures are on the open data portal.');
      await page.getByRole('button', { name: 'Send the answer' }).click();
      await expect(page.locator('strong.status')).toHaveText('Answered');
      await signOut(page);

      // The moderator's check: marked redactions, nothing personal.
      await signIn(page, js, 'moderator');
      await open(page, `/staff/items/${code}`, js);
      await expect(page.locator('section.submitter')).toHaveCount(0);
      await expect(page.locator('p.question-text')).not.toContainText('Abenova');
      await page.getByRole('link', { name: 'Check and publish the answer' }).click();
      await expect(page).toHaveURL(new RegExp(`/staff/items/${code}/publish`));
      const question = page.locator('p.public-question');
      await expect(question.locator('mark.redaction')).toHaveCount(2);
      await expect(question).toContainText('I am [name] (a person\'s name), phone [phone]');
      await expect(question).not.toContainText('Abenova');
      await expect(question).not.toContainText('555 44 33');
      await expect(page.locator('p.public-answer')).toContainText('Dear [name]');

      // More removed by hand, checked again, then published.
      if (js) await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
      await page.getByLabel('Also remove by hand (one word or phrase per line)').fill('from the fifth floor');
      await page.getByRole('button', { name: 'Check again' }).click();
      await expect(page).toHaveURL(/remove=from/);
      await expect(question.locator('mark.redaction')).toHaveCount(3);
      await expect(question).toContainText('My neighbour [removed]');
      const checked = (await question.innerText()).replace(/\s*\([^)]*\)/g, '');
      await page.getByRole('button', { name: 'Publish these texts' }).click();
      await expect(page.locator('.published-note')).toHaveText('This answer is published in the archive.');

      // The archive holds exactly the checked texts, marks and all.
      await open(page, `/answers?q=${code}`, js);
      const entry = page.locator('article.answer-entry');
      await expect(entry).toContainText('My neighbour [removed] (removed by the moderator) asks too');
      await expect(entry).not.toContainText('fifth floor');
      await expect(entry).not.toContainText('Abenova');
      await expect(entry.locator('mark.redaction').first()).toBeVisible();
      const published = await entry.locator('.archive-question').innerText();
      expect(published.replace(/\s*\([^)]*\)/g, '').trim()).toBe(checked.trim());
    });
  });
}
