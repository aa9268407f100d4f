/**
 * Debian's Chromium as every browser run here launches it (Playwright's tests and the web
 * benchmark): never a downloaded browser, headless, and nothing that reaches the network.
 */
export const CHROMIUM = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
