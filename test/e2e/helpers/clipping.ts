import type { Page } from 'playwright-core';

export interface Clipped {
  text: string;
  tag: string;
  testId: string | null;
  scrollWidth: number;
  clientWidth: number;
}

/**
 * Visible buttons, badges and list/table cells whose text is cut (scrollWidth > clientWidth):
 * what a user at this window size cannot read in full.
 */
export async function clippedTexts(page: Page): Promise<Clipped[]> {
  return page.evaluate(() => {
    const selector = 'button, .mantine-Button-label, .mantine-Badge-root, .mantine-Badge-label, [role="row"] > *, [role="row"] > * > *, td, th';
    const out: Clipped[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>(selector))) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || box.bottom < 0 || box.top > window.innerHeight) continue;
      const text = (el.innerText ?? '').trim();
      if (text === '') continue;
      // One pixel of slack for sub-pixel rounding.
      if (el.scrollWidth > el.clientWidth + 1) {
        out.push({ text: text.slice(0, 60), tag: el.tagName.toLowerCase(), testId: el.getAttribute('data-testid'), scrollWidth: el.scrollWidth, clientWidth: el.clientWidth });
      }
    }
    return out;
  });
}
