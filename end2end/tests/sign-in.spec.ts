import { test, expect, Browser, Page } from '@playwright/test';
import { open, signIn, enterPassword, demoCode, totpOf, freshCode } from './helpers';

const WRONG_CODE = 'This code is wrong, too old or was used already: type the newest one.';

/** A new browser (its own cookies), with JavaScript on or off. */
async function newBrowser(browser: Browser, js: boolean): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: js, locale: 'en-US' });
  return context.newPage();
}

/** The admin creates an officer with a password they chose; returns the username. */
async function adminCreatesColleague(page: Page, js: boolean, prefix: string): Promise<string> {
  const username = freshCode(prefix).toLowerCase();
  await signIn(page, js, 'admin');
  await open(page, '/admin/users/new', js);
  await page.getByLabel('Full name').fill('Жаңа Әріптес');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Email').fill(`${username}@ministry.example.kz`);
  await page.getByLabel('Role').selectOption('officer');
  await page.getByLabel('Department').selectOption({ label: 'Youth and Family Policy Department' });
  await page.getByLabel('Password').fill('set-by-the-admin-1');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page).toHaveURL(/\/admin\/users$/);
  return username;
}

for (const js of [true, false]) {
  test.describe(js ? 'sign-in with JavaScript' : 'sign-in without JavaScript', () => {
    test.use({ javaScriptEnabled: js });

    test('a password alone never reaches the staff area, and a code works only once', async ({ page, browser }) => {
      const user = js ? 'info.officer' : 'civil.officer';
      await enterPassword(page, js, user);
      await expect(page).toHaveURL(/\/login\/code$/);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Enter your code');
      await open(page, '/staff', js);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign-in needed');

      await enterPassword(page, js, user);
      const code = demoCode(user);
      await page.getByLabel('Code').fill(code);
      await page.getByRole('button', { name: 'Continue' }).click();
      await expect(page).toHaveURL(/\/staff$/);

      // The same code typed in another browser is refused beside the field.
      const other = await newBrowser(browser, js);
      await enterPassword(other, js, user);
      await other.getByLabel('Code').fill(code);
      await other.getByRole('button', { name: 'Continue' }).click();
      await expect(other.locator('#f-code-err')).toHaveText(WRONG_CODE);
      await open(other, '/staff', js);
      await expect(other.getByRole('heading', { level: 1 })).toHaveText('Sign-in needed');
      await other.context().close();
    });

    test('a new colleague sets up a second factor and a password of their own, then manages sessions', async ({ page, browser }) => {
      const username = await adminCreatesColleague(page, js, js ? 'js' : 'nojs');
      const me = await newBrowser(browser, js);
      await enterPassword(me, js, username, 'set-by-the-admin-1');
      await expect(me).toHaveURL(/\/login\/enrol$/);
      await expect(me.locator('.qr svg')).toBeVisible();
      await expect(me.locator('.recovery-codes li')).toHaveCount(10);
      const key = (await me.locator('.secret-key').textContent())!;
      await me.getByRole('textbox', { name: 'Code' }).fill(totpOf(key));
      await me.getByRole('button', { name: 'Continue' }).click();

      await expect(me).toHaveURL(/\/login\/new-password$/);
      await me.locator('#f-password').fill('password123456');
      await me.locator('#f-repeat').fill('password123456');
      await me.getByRole('button', { name: 'Change password' }).click();
      await expect(me.locator('#f-password-err')).toHaveText('This is one of the most common passwords: choose another.');
      await me.locator('#f-password').fill('steppe wind at noon');
      await me.locator('#f-repeat').fill('steppe wind at noon');
      await me.getByRole('button', { name: 'Change password' }).click();
      await expect(me).toHaveURL(/\/staff$/);

      // A second browser, with the key the app holds.
      const laptop = await newBrowser(browser, js);
      await enterPassword(laptop, js, username, 'steppe wind at noon');
      await laptop.getByLabel('Code').fill(totpOf(key, Date.now() + 30_000));
      await laptop.getByRole('button', { name: 'Continue' }).click();
      await expect(laptop).toHaveURL(/\/staff$/);

      await open(me, '/staff/account', js);
      const rows = me.locator('table.sessions tbody tr');
      await expect(rows).toHaveCount(2);
      await expect(me.locator('tr.this-session')).toContainText('(this one)');
      await me.getByRole('button', { name: 'End all other sessions' }).click();
      await expect(rows).toHaveCount(1);
      await open(laptop, '/staff', js);
      await expect(laptop.getByRole('heading', { level: 1 })).toHaveText('Sign-in needed');

      await open(me, '/staff/account', js);
      await me.locator('#f-current').fill('not my password at all');
      await me.locator('#f-password').fill('river of the seven');
      await me.locator('#f-repeat').fill('river of the seven');
      await me.getByRole('button', { name: 'Change password' }).click();
      await expect(me.locator('#f-current-err')).toHaveText('This is not your current password.');
      // Passwords never come back in a refused form: they are typed again.
      await expect(me.locator('#f-password')).toHaveValue('');
      await me.locator('#f-password').fill('river of the seven');
      await me.locator('#f-repeat').fill('river of the seven');
      await me.locator('#f-current').fill('steppe wind at noon');
      await me.getByRole('button', { name: 'Change password' }).click();
      await expect(me.getByRole('status').filter({ hasText: 'Your password is changed.' })).toBeVisible();
      await me.context().close();
      await laptop.context().close();

      // The admin reads it all in the audit log, and resets the lost phone.
      await open(page, `/admin/audit?account=${username}`, js);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Audit log');
      await expect(page.locator('table.audit')).toContainText('Second factor set up');
      await expect(page.locator('table.audit')).toContainText('Password changed');
      await page.getByLabel('Event').selectOption({ label: 'Session ended' });
      await page.getByRole('button', { name: 'Show' }).click();
      await expect(page).toHaveURL(/event=session_ended/);
      await expect(page.locator('table.audit tbody tr')).toHaveCount(1);
      const csv = await page.request.get(`/admin/audit.csv?account=${username}`);
      expect(csv.status()).toBe(200);
      expect(await csv.text()).toContain('factor_enrolled');

      await open(page, '/admin/users', js);
      await page.getByRole('row').filter({ hasText: username }).getByRole('button', { name: /Reset second factor/ }).click();
      await expect(page.getByRole('status').filter({ hasText: 'The second factor is reset' })).toBeVisible();
      const again = await newBrowser(browser, js);
      await enterPassword(again, js, username, 'river of the seven');
      await expect(again).toHaveURL(/\/login\/enrol$/);
      await again.context().close();
    });
  });
}
