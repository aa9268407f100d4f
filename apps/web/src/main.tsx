// First of all: zod must be told before any schema is built or parsed.
import './lib/zod-jitless';
import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import './styles.css';
import { i18nReady } from './i18n/i18n-setup';
import { AppProviders, createApp } from './app/app-providers';
import { preloadFirstScreen } from './app/router';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

// While the language loads, the first screen's chunks are fetched too. (Not /api/auth/me: a
// 401 there before the router runs would race its guard, which says why the session ended.)
const app = createApp();
preloadFirstScreen(window.location.pathname);

// A transition, so React renders the first screen in slices and the main thread stays free.
// The first screen waits for its language's messages (their own small chunk); if they fail
// to load, it still renders rather than stay blank.
void i18nReady
  .catch(() => undefined)
  .then(() =>
    startTransition(() => {
      createRoot(root).render(
        <StrictMode>
          <AppProviders app={app} />
        </StrictMode>,
      );
    }),
  );
