import { expect, Page } from '@playwright/test';

export const DEMO_PASSWORD = 'ashyq-demo-2026';

/** Opens a page; with JavaScript on, waits until hydration has finished. */
export async function open(page: Page, path: string, js: boolean) {
  await page.goto(path);
  if (js) await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
}

export async function signIn(page: Page, js: boolean, username: string, password = DEMO_PASSWORD) {
  await open(page, '/login', js);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
}

/** A department code nobody has used yet. */
export function freshCode(prefix: string) {
  return `${prefix}${Date.now().toString(36).toUpperCase()}`.slice(0, 20);
}
