import { expect, Page } from '@playwright/test';
import { execFileSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

export const DEMO_PASSWORD = 'ashyq-demo-2026';

/** Opens a page; with JavaScript on, waits until hydration has finished. */
export async function open(page: Page, path: string, js: boolean) {
  await page.goto(path);
  if (js) await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
}

/** The password step alone: the page that follows is the test's to check. */
export async function enterPassword(page: Page, js: boolean, username: string, password = DEMO_PASSWORD) {
  await open(page, '/login', js);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/**
 * A demo account's second-factor code not used yet, from `ashyq totp-code`
 * (the demo's stand-in for a phone; scripts/test passes the portal's
 * binary in PORTAL_BIN and its settings in ASHYQ_* variables).
 */
export function demoCode(username: string, databaseUrl = process.env.ASHYQ_DATABASE_URL): string {
  const bin = process.env.PORTAL_BIN;
  if (!bin) throw new Error('PORTAL_BIN is not set: run the browser tests through ./scripts/test');
  const env = { ...process.env, ASHYQ_DATABASE_URL: databaseUrl };
  return execFileSync(bin, ['totp-code', '--username', username], { encoding: 'utf8', env }).trim();
}

/** The current RFC 6238 code of a base32 key, as an authenticator app computes it. */
export function totpOf(base32Key: string, at = Date.now()): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of base32Key.replace(/[\s=]/g, '').toUpperCase()) bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const mac = crypto.createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  const n = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return n.toString().padStart(6, '0');
}

/** The whole staff sign-in: the password, then a fresh code. */
export async function signIn(page: Page, js: boolean, username: string, password = DEMO_PASSWORD, databaseUrl?: string) {
  await enterPassword(page, js, username, password);
  await expect(page).toHaveURL(/\/login\/code$/);
  await page.getByLabel('Code').fill(demoCode(username, databaseUrl));
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/\/staff$/);
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
}

/** A department code nobody has used yet. */
export function freshCode(prefix: string) {
  return `${prefix}${Date.now().toString(36).toUpperCase()}`.slice(0, 20);
}

/** Decodes a quoted-printable or base64 text body well enough to search it. */
function readable(raw: string): string {
  let text = raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
  // Base64 parts: decode every long base64 block and append it.
  for (const block of raw.match(/(?:^[A-Za-z0-9+/=]{20,}\r?\n)+/gm) ?? []) {
    text += '\n' + Buffer.from(block.replace(/\s+/g, ''), 'base64').toString('utf8');
  }
  // Quoted-printable UTF-8 escapes such as =D0=B0.
  text += '\n' + Buffer.from(text.replace(/=([0-9A-F]{2})/g, (_m, h) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
  return text;
}

/**
 * Waits for an email to `to` (that also contains `having`, when given) in the
 * SMTP server's maildir and returns its decoded text.
 */
export async function mailTo(to: string, having?: string): Promise<string> {
  const dir = path.join(process.env.MAILDIR ?? '', 'new');
  // The outbox is polled every second (ASHYQ_MAIL__POLL_SECS=1 in scripts/test).
  for (let i = 0; i < 30; i++) {
    if (fs.existsSync(dir)) {
      for (const f of fs.readdirSync(dir)) {
        const text = readable(fs.readFileSync(path.join(dir, f), 'utf8'));
        if (text.includes(to) && (!having || text.includes(having))) return text;
      }
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`no email to ${to}${having ? ` with "${having}"` : ''}`);
}

/** Follows the inbox's link to an item and waits until the item page is the one shown. */
export async function openItem(page: Page, code: string) {
  await page.getByRole('link', { name: code }).click();
  await expect(page).toHaveURL(new RegExp(`/staff/items/${code}`));
  await expect(page.locator('h1')).toContainText(code);
}
