import { expect, Page, test } from '@playwright/test';
import { signIn } from './helpers';

// Every page, public and staff, in every language: nothing scrolls sideways
// at phone widths (WCAG 2.1 reflow, 1.4.10), and no form control, label,
// button or link lies on top of another, on a phone or a desktop.

const LANGS = ['kk', 'ru', 'en'];
const PHONES = [320, 390];
const DESKTOP = 1280;

/** The public pages, with one publication and one survey found on the way. */
async function publicPages(page: Page): Promise<string[]> {
  const paths = ['/', '/publications', '/ask', '/press', '/surveys', '/indicators', '/answers', '/login'];
  await page.goto('/publications');
  paths.push((await page.locator('.publication h2 a').first().getAttribute('href'))!);
  await page.goto('/surveys');
  const survey = page.locator('main a[href^="/surveys/"]').first();
  if (await survey.count()) paths.push((await survey.getAttribute('href'))!);
  return paths;
}

/** The staff navigation's pages, and an item and a mention opened from their lists. */
async function staffPages(page: Page): Promise<string[]> {
  const links = await page.locator('nav.staff-nav a[href^="/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
  await page.goto('/staff/inbox');
  links.push((await page.locator('table.inbox tbody a').first().getAttribute('href'))!);
  await page.goto('/staff/media');
  const mention = page.locator('a[href^="/staff/media/mentions/"]').first();
  if (await mention.count()) links.push((await mention.getAttribute('href'))!);
  // The press sources page (linked from the register) and a story, once the
  // demo's own press has been read.
  links.push('/staff/media/sources');
  const story = page.locator('a.badge.story').first();
  if (await story.count()) links.push((await story.getAttribute('href'))!);
  return [...new Set(links)];
}

/**
 * What is wrong with the page as drawn: how far it scrolls sideways, and
 * which visible controls, labels and links overlap. Inline links are
 * measured line by line; a control inside its own label is not an overlap;
 * what a scrolling box hides is not measured.
 */
async function problems(page: Page): Promise<{ sideways: number; overlaps: string[] }> {
  return page.evaluate(() => {
    const sideways = document.documentElement.scrollWidth - window.innerWidth;
    const name = (e: Element) =>
      `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''} "${(e.textContent || (e as HTMLInputElement).name || '').trim().slice(0, 30)}"`;
    const clipBox = (e: Element): DOMRect | null => {
      for (let a = e.parentElement; a; a = a.parentElement) {
        const o = getComputedStyle(a).overflowX;
        if (o === 'auto' || o === 'scroll' || o === 'hidden') return a.getBoundingClientRect();
      }
      return null;
    };
    const shown = (r: DOMRect, clip: DOMRect | null) =>
      r.width > 1 && r.height > 1 && (!clip || (r.left >= clip.left - 1 && r.right <= clip.right + 1));
    const boxes: { e: Element; rects: DOMRect[] }[] = [];
    for (const e of document.querySelectorAll('main input, main select, main textarea, main button, main label, main a, main summary, header a, header button')) {
      const style = getComputedStyle(e);
      if (style.visibility === 'hidden' || style.display === 'none' || (e as HTMLInputElement).type === 'hidden') continue;
      if (e.closest('.visually-hidden, .skip') || !e.checkVisibility()) continue;
      // A closed <details> still lays out what it hides: only its summary shows.
      const closed = e.closest('details:not([open])');
      if (closed && !closed.querySelector(':scope > summary')?.contains(e)) continue;
      const clip = clipBox(e);
      const rects = [...e.getClientRects()].filter((r) => shown(r, clip));
      if (rects.length) boxes.push({ e, rects });
    }
    const overlaps: string[] = [];
    const cross = (a: DOMRect, b: DOMRect) =>
      Math.min(a.right, b.right) - Math.max(a.left, b.left) > 2 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 2;
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i], boxes[j]];
        if (a.e.contains(b.e) || b.e.contains(a.e)) continue;
        if (a.rects.some((r) => b.rects.some((s) => cross(r, s)))) overlaps.push(`${name(a.e)} × ${name(b.e)}`);
      }
    }
    return { sideways, overlaps: overlaps.slice(0, 5) };
  });
}

async function check(page: Page, paths: string[], found: string[]) {
  for (const lang of LANGS) {
    for (const width of [DESKTOP, ...PHONES]) {
      await page.setViewportSize({ width, height: 800 });
      for (const path of paths) {
        await page.goto(`/lang/${lang}?next=${encodeURIComponent(path)}`);
        await expect(page.locator('html')).toHaveAttribute('lang', lang);
        const p = await problems(page);
        if (width !== DESKTOP && p.sideways > 0) found.push(`${lang} ${width}px ${path}: scrolls ${p.sideways}px sideways`);
        for (const o of p.overlaps) found.push(`${lang} ${width}px ${path}: ${o}`);
      }
    }
  }
}

test.describe('layout', () => {
  test.use({ javaScriptEnabled: false });

  test('public pages fit a phone and nothing on them overlaps, in every language', async ({ page }) => {
    const found: string[] = [];
    await check(page, await publicPages(page), found);
    expect(found).toEqual([]);
  });

  test('staff pages fit a phone and nothing on them overlaps, in every language', async ({ page }) => {
    test.setTimeout(300_000);
    await signIn(page, false, 'admin');
    const found: string[] = [];
    await check(page, await staffPages(page), found);
    expect(found).toEqual([]);
  });
});
