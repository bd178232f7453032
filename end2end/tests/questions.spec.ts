import { test, expect } from '@playwright/test';
import { mailTo, open } from './helpers';

for (const js of [false, true]) {
  test.describe(js ? 'with JavaScript' : 'without JavaScript', () => {
    test.use({ javaScriptEnabled: js });

    test('a citizen asks a question, gets the acknowledgement by email and follows its link to the status', async ({ page }) => {
      const email = `citizen-${js ? 'js' : 'nojs'}-${Date.now()}@example.kz`;
      await open(page, '/ask', js);
      await page.getByLabel('Topic').selectOption('youth');
      await page.getByLabel('Subject').fill('Youth centre opening hours');
      await page.getByLabel('Your question (up to 5,000 characters)').fill('When will the youth resource centre in Shymkent open?');
      await page.getByLabel('Your name').fill('Erlan');
      await page.getByLabel('Email for the answer').fill(email);
      await page.getByLabel('Language of the answer').selectOption('en');
      await page.getByRole('button', { name: 'Send' }).click();

      await expect(page).toHaveURL(/\/track\/Q-\d{4}-\d{6}\?token=/);
      await expect(page.getByRole('status')).toContainText('Your request is registered.');
      const code = await page.locator('dd.tracking-code').innerText();
      const due = await page.locator('dd.due').innerText();
      await expect(page.locator('dl.facts')).toContainText('YOUTH');

      const mail = await mailTo(email);
      expect(mail).toContain(code);
      expect(mail).toContain(`The answer is due by ${due}`);
      const link = mail.match(/https?:\/\/\S+\/track\/\S+/)![0];
      const fresh = await page.context().newPage();
      await fresh.goto(link);
      await expect(fresh.locator('dd.tracking-code')).toHaveText(code);
      await expect(fresh.locator('dd.due')).toHaveText(due);
      await fresh.goto(link.replace('token=', 'token=x'));
      await expect(fresh.getByRole('heading', { level: 1 }).last()).toHaveText('Page not found');
    });
  });
}
