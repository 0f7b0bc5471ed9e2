import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, isOwnUrl, trustedSenderCheck, type WebContentsLike } from '../../../src/main/electron/app-origin';
import type { IpcInvokeEventLike } from '../../../src/main/api/hosts/ipc/ipc-host';

// Frames are compared by identity, as Electron hands out one WebFrameMain object per frame.
const mainFrame = { url: `${APP_ORIGIN}/index.html` };
const window: WebContentsLike = { id: 7, mainFrame };
const check = trustedSenderCheck(() => window);
const event = (senderId: number, senderFrame: { url: string } | null): IpcInvokeEventLike => ({ sender: { id: senderId }, senderFrame });

describe('trustedSenderCheck', () => {
  it('accepts the main frame of our own window showing our own page', () => {
    expect(check(event(7, mainFrame))).toBe(true);
  });

  it('refuses another sender (another window or web contents)', () => {
    expect(check(event(8, mainFrame))).toBe(false);
  });

  it('refuses a subframe of our own window, even one showing our own origin', () => {
    expect(check(event(7, { url: `${APP_ORIGIN}/index.html` }))).toBe(false);
  });

  it('refuses our main frame once it shows a file:// page or a look-alike origin', () => {
    for (const url of ['file:///index.html', 'app://console.evil/index.html', 'app://consol/index.html', 'http://console/index.html', 'app://console:8080/index.html']) {
      const frame = { url };
      expect(trustedSenderCheck(() => ({ id: 7, mainFrame: frame }))(event(7, frame)), url).toBe(false);
    }
  });

  it('refuses everything while there is no window, and a sender without a frame', () => {
    expect(trustedSenderCheck(() => undefined)(event(7, mainFrame))).toBe(false);
    expect(trustedSenderCheck(() => ({ id: 7, mainFrame: null }))(event(7, null))).toBe(false);
  });
});

describe('isOwnUrl', () => {
  it('knows our own pages by scheme and host (Node gives app: URLs the opaque origin "null")', () => {
    expect(isOwnUrl('app://console/index.html')).toBe(true);
    expect(isOwnUrl('app://console/assets/x.js?v=1#top')).toBe(true);
  });

  it('refuses other schemes, hosts and malformed URLs', () => {
    for (const url of ['file:///index.html', 'https://console/', 'app://console.evil/', 'app://evil/console', 'app:console', 'not a url', '']) {
      expect(isOwnUrl(url), url).toBe(false);
    }
  });
});
