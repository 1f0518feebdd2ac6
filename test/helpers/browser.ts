/**
 * Real Chromium for browser tests (Debian's chromium, driven by playwright-core; never downloaded),
 * and the app served on a real local port.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { chromium, type BrowserContext } from 'playwright-core';
import type { Hono } from 'hono';
import { tmpDir } from './context.js';
import { CHROMIUM_PATH } from './requirements.js';


export async function launchChromium(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const dir = tmpDir('backlash-chromium-');
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A browser with one context per person (each signs in on its own), for flows with several people. */
export async function launchBrowser(): Promise<{ newContext(): Promise<BrowserContext>; close(): Promise<void> }> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'] });
  return { newContext: () => browser.newContext(), close: () => browser.close() };
}

export async function serveApp(app: Hono): Promise<{ url: string; close(): Promise<void> }> {
  const server = createAdaptorServer({ fetch: app.fetch });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
