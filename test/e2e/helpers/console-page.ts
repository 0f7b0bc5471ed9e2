import type { Locator, Page } from 'playwright-core';
import type { ServeProcess } from './serve-process';
import { waitForText } from './wait';

export type ViewName = 'agents' | 'tree' | 'feed' | 'inspector' | 'snapshots' | 'settings';

/** Page helpers shared by the per-view e2e files: the same steps a user takes, by test id. */
export class ConsolePage {
  constructor(readonly page: Page) {}

  /** Opens the printed address (token → cookie) and waits for the shell. */
  async open(serve: ServeProcess): Promise<void> {
    await this.page.goto(serve.url);
    await this.page.getByTestId('server-connection').waitFor();
  }

  async nav(view: ViewName): Promise<void> {
    await this.page.getByTestId(`nav-${view}`).click();
  }

  agentRow(agentId: string): Locator {
    return this.page.getByTestId(`agent-row-${agentId}`);
  }

  async waitOnline(agentId: string): Promise<void> {
    await waitForText(this.agentRow(agentId), (t) => /online/i.test(t));
  }

  /** From the Agents view: waits until the agent is online and opens its tree. */
  async openAgent(agentId: string, { online = true } = {}): Promise<void> {
    await this.nav('agents');
    if (online) await this.waitOnline(agentId);
    await this.agentRow(agentId).getByTestId('agent-open').click();
    await this.page.getByTestId('tree-view').waitFor();
  }

  row(path: string): Locator {
    return this.page.getByTestId(`tree-row-${path}`);
  }

  async expand(path: string): Promise<void> {
    await this.row(path).waitFor();
    if ((await this.row(path).getAttribute('aria-expanded')) !== 'true') await this.row(path).getByTestId('tree-toggle').click();
  }

  /**
   * Selects `path` in the open tree. Rows are virtualized, so when the row is not on screen the
   * tree is addressed the way a link does it (#/tree/<agent>/<path>: ancestors expanded, the row
   * selected and scrolled into view); otherwise the row is clicked like a user would.
   */
  async reveal(path: string): Promise<void> {
    const parts = path.replace(/\.$/, '').split('.');
    for (let i = 2; i < parts.length; i++) {
      const ancestor = `${parts.slice(0, i).join('.')}.`;
      if ((await this.row(ancestor).count()) === 0) return this.address(path);
      await this.expand(ancestor);
    }
    if ((await this.row(path).count()) === 0) return this.address(path);
    // The list may scroll the row out of its window while the expanded objects load (the selected
    // row is kept in view): then address it instead.
    await this.row(path).click({ timeout: 5_000 }).catch(() => this.address(path));
  }

  private async address(path: string): Promise<void> {
    const hash = new URL(this.page.url()).hash;
    const agent = /^#\/tree\/([^/]+)/.exec(hash)?.[1];
    if (!agent) throw new Error(`no agent open in the tree (address ${hash})`);
    // The tree reveals a path from the address once per change of address. Loading the
    // ancestors can race the first load of the tree; a second visit of the link reveals again
    // (as a user would click it again), and a row still missing fails with what the tree showed.
    for (let attempt = 1; ; attempt++) {
      await this.page.evaluate((h) => (window.location.hash = h), `#/tree/${agent}`);
      await this.page.evaluate((h) => (window.location.hash = h), `#/tree/${agent}/${encodeURIComponent(path)}`);
      const shown = await this.row(path).waitFor({ timeout: 15_000 }).then(() => true, () => false);
      if (shown) break;
      const rows = await this.page.locator('[data-testid^="tree-row-"]').evaluateAll((els) => els.map((e) => `${e.getAttribute('aria-label')}${e.getAttribute('aria-expanded') === 'true' ? ' (open)' : ''}`));
      const diagnosis = `${path} not shown after visiting its address (attempt ${attempt}); rows: ${rows.join(', ')}`;
      if (attempt === 2) throw new Error(diagnosis);
      console.warn(diagnosis);
    }
    await this.page.waitForFunction((p) => document.querySelector(`[data-testid="tree-row-${CSS.escape(p)}"]`)?.getAttribute('aria-selected') === 'true', path);
  }

  /** Closes the notices (toasts) stacked at the bottom right, so they cover nothing. */
  async dismissNotices(): Promise<void> {
    const close = this.page.locator('.mantine-Notification-closeButton');
    while ((await close.count()) > 0) await close.first().click().catch(() => undefined);
  }

  /** Picks an option of a Mantine Select by its test id. */
  async choose(testId: string, option: string): Promise<void> {
    await this.page.getByTestId(testId).click();
    await this.page.getByRole('option', { name: option, exact: true }).click();
  }

  /** Selects a writable parameter, types a value and sets it; waits for the tree to show it. */
  async setValue(path: string, value: string): Promise<void> {
    await this.reveal(path);
    await this.page.getByTestId('param-edit').fill(value);
    await this.page.getByTestId('param-save').click();
    await waitForText(this.row(path).getByTestId('tree-value'), (t) => t.includes(value));
  }
}
