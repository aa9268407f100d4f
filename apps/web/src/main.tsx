// First of all: zod must be told before any schema is built or parsed.
import './lib/zod-jitless';
import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import '@fontsource/vazirmatn/400.css';
import '@fontsource/vazirmatn/500.css';
import '@fontsource/vazirmatn/600.css';
import '@fontsource/vazirmatn/700.css';
import '@fontsource/heebo/400.css';
import '@fontsource/heebo/500.css';
import '@fontsource/heebo/600.css';
import '@fontsource/heebo/700.css';
import './styles.css';
import './i18n/i18n-setup';
import { AppProviders } from './app/app-providers';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

// A transition, so React renders the first screen in slices and the main thread stays free.
startTransition(() => {
  createRoot(root).render(
    <StrictMode>
      <AppProviders />
    </StrictMode>,
  );
});
