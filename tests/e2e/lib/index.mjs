// The end-to-end harness in one import:
//   import { startServer, launchChromium, launchFirefox, openFixture, waitForBanner, ... } from './lib/index.mjs';
export * from './paths.mjs';
export * from './server.mjs';
export * from './browsers.mjs';
export * from './pages.mjs';
export * from './recorder.mjs';
