import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { Page } from 'playwright-core';
import type { SimFleet } from '../../src/main/sim/sim-fleet';
import * as m from '../../src/main/usp/messages';
import { buildMsgRecord } from '../../src/main/usp/record';
import { screenshot } from './helpers/browser';
import { withConsoleSession } from './helpers/console-session';
import type { ServeProcess } from './helpers/serve-process';
import { waitForText } from './helpers/wait';

// Issue 9 findings 1 and 8 as the user sees them: a refused takeover is a warning on the agent,
// and an agent can be forgotten from its details.
const AGENT = 'proto::trust-agent-1';

describe('agent trust in the browser', () => {
  let serve: ServeProcess;
  let fleet: SimFleet;
  let page: Page;
  let agentUrl: string;

  withConsoleSession({ open: false, idPrefix: 'proto::trust-agent-' }, (session) => {
    ({ serve, fleet, page, agentUrl } = session);
  });

  it('shows a refused takeover as a warning on the agent, then forgets the agent', async () => {
    await page.goto(serve.url);
    await waitForText(page.getByTestId(`agent-row-${AGENT}`), (t) => /online/i.test(t));

    // An impostor without eid sends a Notify as the agent: refused, the agent stays online.
    const impostor = new WebSocket(agentUrl, 'v1.usp');
    await new Promise((resolve, reject) => impostor.once('open', resolve).once('error', reject));
    const closed = new Promise<number>((resolve) => impostor.once('close', (code) => resolve(code)));
    const msg = m.buildNotify('forged-1', { subscriptionId: 's', sendResp: false, notification: { kind: 'event', objPath: 'Device.', eventName: 'Boot!', params: {} } });
    impostor.send(buildMsgRecord({ toId: 'self::usp-console', fromId: AGENT, msg }));
    expect(await closed).toBe(1008);

    await page.getByTestId(`agent-row-${AGENT}`).click();
    await waitForText(page.getByTestId('agent-warnings'), (t) => t.includes('refused a takeover'));
    await waitForText(page.getByTestId(`agent-row-${AGENT}`), (t) => /online/i.test(t));
    await screenshot(page, 'trust-01-warning');

    // Forgetting an offline agent: its row goes and stays gone.
    await fleet.agents[0]!.stop();
    await waitForText(page.getByTestId(`agent-row-${AGENT}`), (t) => /offline/i.test(t));
    await page.getByTestId('agent-forget').click();
    await waitForText(page.getByTestId('agent-forget'), (t) => t.includes('Click again'));
    await page.getByTestId('agent-forget').click();
    await page.getByTestId(`agent-row-${AGENT}`).waitFor({ state: 'detached' });
    await waitForText(page.getByTestId('agent-count'), (t) => t.startsWith('0 of 0'));
    await screenshot(page, 'trust-02-forgotten');
  });
});
