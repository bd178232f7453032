import { test, expect } from '@playwright/test';
import { open, signIn, signOut, freshCode, enterPassword, DEMO_PASSWORD } from './helpers';

const WRONG = 'Wrong username or password, or too many tries from here: wait a little and try again.';

test.describe('home page', () => {
  test('speaks Kazakh, Russian and English and remembers the choice', async ({ page }) => {
    await open(page, '/', true);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText("Your voice on the ministry's work");

    await page.getByRole('link', { name: 'Қазақша' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'kk');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Министрлік жұмысы туралы сіздің пікіріңіз');
    await expect(page.getByText('БАҚ-пен байланыс басқармасы')).toBeVisible();

    await page.getByRole('link', { name: 'Русский' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ваше мнение о работе министерства');

    // Remembered on the next visit.
    await page.goto('/login');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Вход для сотрудников');

    await page.getByRole('link', { name: 'English' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Staff sign-in');
  });
});

for (const js of [true, false]) {
  test.describe(js ? 'with JavaScript' : 'without JavaScript', () => {
    test.use({ javaScriptEnabled: js });

    test('a language switch keeps the visitor on the same page', async ({ page }) => {
      await open(page, '/login', js);
      await page.getByRole('link', { name: 'Қазақша' }).click();
      await expect(page).toHaveURL(/\/login$/);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Қызметкерлерге кіру');
      await page.getByRole('link', { name: 'English' }).click();
    });

    test('staff sign in and sign out', async ({ page }) => {
      await signIn(page, js, 'admin');
      await expect(page).toHaveURL(/\/staff$/);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Staff area');
      await expect(page.getByText('Әлия Нұрмағанбетова').first()).toBeVisible();
      await signOut(page);
      await expect(page).toHaveURL(/\/$/);
      await expect(page.getByRole('link', { name: 'Staff sign-in' })).toBeVisible();
      await open(page, '/staff', js);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign-in needed');
    });

    test('a wrong password is refused beside the form', async ({ page }) => {
      await enterPassword(page, js, 'analyst', 'not-the-password');
      await expect(page.getByRole('alert')).toHaveText(WRONG);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Staff sign-in');
      await open(page, '/staff', js);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign-in needed');
    });

    test('wrong passwords never lock the owner out; every refusal reads alike', async ({ page }) => {
      const user = js ? 'relig.officer' : 'ethnic.officer';
      for (let i = 0; i < 6; i++) {
        await enterPassword(page, js, user, `wrong-password-${i}`);
        await expect(page.getByRole('alert')).toHaveText(WRONG);
      }
      await enterPassword(page, js, 'no.such.person', 'wrong-password-9');
      await expect(page.getByRole('alert')).toHaveText(WRONG);
      // Past the free tries each further try from here waits 1 s, then 2 s:
      // no lockout, so after the wait the owner's password works.
      await page.waitForTimeout(4500);
      await signIn(page, js, user);
      await expect(page).toHaveURL(/\/staff$/);
    });

    test('an admin creates, corrects, edits and deactivates a department', async ({ page }) => {
      const code = freshCode(js ? 'JS' : 'NOJS');
      await signIn(page, js, 'admin');
      await expect(page).toHaveURL(/\/staff$/);
      await open(page, '/admin/departments', js);
      await page.getByRole('link', { name: 'New department' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('New department');
      if (js) await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
      await page.getByLabel('Code').fill(code);
      await page.getByLabel('Name in Kazakh').fill('Сынақ бөлімі');
      await page.getByLabel('Name in Russian').fill('Тестовый отдел');
      await page.getByLabel('Name in English').fill('Test Office');
      await page.getByLabel('Contact email').fill('not-an-email');
      // The browser's own check would stop a bad email; the server's answer is what we test.
      await page.locator('form').last().evaluate((f: HTMLFormElement) => (f.noValidate = true));
      await page.getByRole('button', { name: 'Save' }).click();
      await expect(page.getByRole('alert')).toHaveText('Please correct the fields marked below.');
      await expect(page.locator('#f-email-err')).toHaveText('Enter a valid email address, such as name@example.kz.');
      await expect(page.getByLabel('Contact email')).toHaveAttribute('aria-invalid', 'true');

      // The refused form came back from the server with what was typed.
      await expect(page.getByLabel('Code')).toHaveValue(code);
      await expect(page.getByLabel('Name in Kazakh')).toHaveValue('Сынақ бөлімі');
      await expect(page.getByLabel('Contact email')).toHaveValue('not-an-email');
      await page.getByLabel('Contact email').fill('test.office@ministry.example.kz');
      await page.getByRole('button', { name: 'Save' }).click();
      await expect(page).toHaveURL(/\/admin\/departments$/);
      const row = page.getByRole('row').filter({ hasText: code });
      await expect(row).toContainText('Test Office');
      await expect(row).toContainText('Active');

      await row.getByRole('link', { name: 'Edit' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Edit department');
      if (js) await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
      await page.getByLabel('Name in English').fill('Test Office Renamed');
      await page.getByRole('button', { name: 'Save' }).click();
      await expect(page).toHaveURL(/\/admin\/departments$/);
      const renamed = page.getByRole('row').filter({ hasText: code });
      await expect(renamed).toContainText('Test Office Renamed');

      await renamed.getByRole('button', { name: /Deactivate/ }).click();
      await expect(page.getByRole('row').filter({ hasText: code })).toContainText('Inactive');
      const api = await page.request.get('/api/v1/departments');
      expect(JSON.stringify(await api.json())).not.toContain(code);
    });

    test('an officer is refused the admin pages', async ({ page }) => {
      await signIn(page, js, 'media.officer');
      await expect(page).toHaveURL(/\/staff$/);
      await expect(page.getByRole('link', { name: 'Departments' })).toHaveCount(0);
      for (const path of ['/admin/departments', '/admin/departments/new', '/admin/users', '/admin/users/1']) {
        const response = await page.goto(path);
        expect(response?.status()).toBe(403);
        await expect(page.getByRole('heading', { level: 1 })).toHaveText('Not allowed');
      }
    });
  });
}
