import { test, expect, Page } from '@playwright/test';
import { open, signIn } from './helpers';

async function addQuestion(page: Page, kind: string, text: string, options: string[], required: boolean) {
  const form = page.getByRole('region', { name: 'Add question' });
  await form.getByLabel('Kind of question').selectOption({ label: kind });
  if (required) await form.getByLabel('required', { exact: true }).check();
  await form.getByLabel('Question (English)').fill(text);
  if (options.length) await form.getByLabel('Options (English), one per line').fill(options.join('\n'));
  await form.getByRole('button', { name: 'Add question' }).click();
  await expect(page.locator('ol.questions')).toContainText(text);
}

/** Answers the survey at `url` in a fresh browser with JavaScript `js`. */
async function answer(page: Page, url: string, js: boolean, a: { single: string; multiple: string[]; scale: string; nps: string; text: string }) {
  await open(page, url, js);
  await page.getByRole('group', { name: /Which channel/ }).getByLabel(a.single).check();
  for (const m of a.multiple) await page.getByRole('group', { name: /Which topics/ }).getByLabel(m).check();
  await page.getByRole('group', { name: /How satisfied/ }).getByLabel(a.scale, { exact: true }).check();
  await page.getByRole('group', { name: /How likely/ }).getByLabel(a.nps, { exact: true }).check();
  await page.getByRole('group', { name: /What should we improve/ }).locator('textarea').fill(a.text);
  await page.getByRole('button', { name: 'Send answers' }).click();
  await expect(page.getByRole('status')).toContainText('Thank you! Your answers are saved.');
}

test('a survey with all five kinds is built, published, answered with JavaScript off and on, once each, and its results match', async ({ browser }) => {
  const tag = Date.now().toString(36);
  // Staff build the survey.
  const staff = await (await browser.newContext()).newPage();
  await signIn(staff, true, 'youth.officer');
  await expect(staff.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await open(staff, '/staff/surveys', true);
  await staff.getByLabel('Title (English)').fill(`Portal survey ${tag}`);
  await staff.getByLabel('Results visible').selectOption({ label: 'To everyone, live' });
  await staff.getByRole('button', { name: 'Create survey' }).click();
  await expect(staff).toHaveURL(/\/staff\/surveys\/\d+$/);
  const id = staff.url().match(/(\d+)$/)![1];
  await addQuestion(staff, 'Single choice', 'Which channel do you use?', ['Website', 'TV'], true);
  await addQuestion(staff, 'Multiple choice', 'Which topics interest you?', ['Youth', 'Grants', 'Languages'], false);
  await addQuestion(staff, 'Scale 1–5', 'How satisfied are you?', [], true);
  await addQuestion(staff, 'Recommendation 0–10 (NPS)', 'How likely are you to recommend us?', [], false);
  await addQuestion(staff, 'Free text', 'What should we improve?', [], false);
  await staff.getByRole('button', { name: 'Publish' }).click();
  await expect(staff.locator('strong.status')).toHaveText('Open');

  const url = `/surveys/${id}`;
  // A citizen without JavaScript, who first forgets a required answer.
  const nojs = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await open(nojs, url, false);
  await nojs.getByRole('button', { name: 'Send answers' }).click();
  await expect(nojs.getByRole('group', { name: /Which channel/ })).toContainText('This field is required.');
  await answer(nojs, url, false, { single: 'Website', multiple: ['Grants'], scale: '4', nps: '9', text: 'More video' });
  await open(nojs, url, false);
  await expect(nojs.getByRole('status')).toContainText('You have already answered this survey.');
  await expect(nojs.getByRole('button', { name: 'Send answers' })).toHaveCount(0);

  // A citizen with JavaScript; a second response is refused.
  const js = await (await browser.newContext()).newPage();
  await answer(js, url, true, { single: 'TV', multiple: ['Youth', 'Grants'], scale: '2', nps: '3', text: 'Faster answers' });
  await open(js, url, true);
  await expect(js.getByRole('status')).toContainText('You have already answered this survey.');
  const again = await js.request.post(`/api/v1/surveys/${id}/responses`, { data: { answers: [] } });
  expect(again.status()).toBe(409);

  // The results match the two responses.
  await expect(js.locator('dd.responses')).toHaveText('2');
  const row = (question: RegExp, option: string) =>
    js.locator('article.question-result', { has: js.getByRole('heading', { name: question }) }).locator('tr', { has: js.getByRole('rowheader', { name: option, exact: true }) });
  await expect(row(/Which channel/, 'Website').locator('td.count')).toHaveText('1');
  await expect(row(/Which channel/, 'TV').locator('td.count')).toHaveText('1');
  await expect(row(/Which topics/, 'Grants').locator('td.count')).toHaveText('2');
  await expect(row(/Which topics/, 'Grants')).toContainText('100%');
  await expect(row(/Which topics/, 'Languages').locator('td.count')).toHaveText('0');
  const scale = js.locator('article.question-result', { has: js.getByRole('heading', { name: /How satisfied/ }) });
  await expect(scale.locator('dd.mean')).toHaveText('3.00');
  const nps = js.locator('article.question-result', { has: js.getByRole('heading', { name: /How likely/ }) });
  await expect(nps.locator('dd.nps')).toHaveText('0');
  // Free texts wait for a moderator.
  await expect(js.locator('body')).not.toContainText('Faster answers');
});
