import type { Locator } from 'playwright-core';

/** Waits until the locator's text satisfies `test` (the UI updates from batched pushes). */
export async function waitForText(locator: Locator, test: (text: string) => boolean, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = (await locator.count()) > 0 ? await locator.first().innerText().catch(() => '') : '';
    if (test(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`text never matched within ${timeoutMs} ms; last: ${JSON.stringify(last.slice(0, 300))}`);
}

/** Waits until at least `n` elements match. */
export async function waitForCount(locator: Locator, test: (count: number) => boolean, timeoutMs = 15_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let count = 0;
  while (Date.now() < deadline) {
    count = await locator.count();
    if (test(count)) return count;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`element count never matched within ${timeoutMs} ms; last count ${count}`);
}
