import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, isOwnUrl, trustedSenderCheck } from '../../../src/main/electron/app-origin';

describe('isOwnUrl', () => {
  it('accepts the console page (Node gives app: URLs the origin "null", so scheme and host are compared)', () => {
    expect(isOwnUrl(`${APP_ORIGIN}/index.html`)).toBe(true);
    expect(isOwnUrl('app://console/#/tree')).toBe(true);
  });

  it.each(['app://elsewhere/index.html', 'https://console/index.html', 'file:///index.html', 'not a url', ''])('refuses %s', (url) => {
    expect(isOwnUrl(url)).toBe(false);
  });
});

describe('trustedSenderCheck', () => {
  const mainFrame = { url: `${APP_ORIGIN}/index.html` };
  const contents = { id: 7, mainFrame };
  const check = trustedSenderCheck(() => contents);

  it("answers the main frame of the console window showing the console's page", () => {
    expect(check({ sender: { id: 7 }, senderFrame: mainFrame })).toBe(true);
  });

  it('refuses another window, a sub-frame, a frame gone, a foreign page, and calls before the window exists', () => {
    expect(check({ sender: { id: 8 }, senderFrame: mainFrame })).toBe(false);
    expect(check({ sender: { id: 7 }, senderFrame: { url: mainFrame.url } })).toBe(false);
    expect(check({ sender: { id: 7 }, senderFrame: null })).toBe(false);
    const foreign = { url: 'https://evil.example/' };
    expect(trustedSenderCheck(() => ({ id: 7, mainFrame: foreign }))({ sender: { id: 7 }, senderFrame: foreign })).toBe(false);
    expect(trustedSenderCheck(() => undefined)({ sender: { id: 7 }, senderFrame: mainFrame })).toBe(false);
  });
});
