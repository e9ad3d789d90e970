// Dev-only entry (preview.html, built with `npm run preview:build`): the real app over a fake
// backend, to look at screens in a plain browser. Query: ?scenario=setup|empty|demo&lang=fr&view=step-1.1
import { mockIPC } from '@tauri-apps/api/mocks';
import type { Lang, StepId } from './lib/api';
import { FakeBackend } from './dev/fakeBackend';
import { store } from './lib/store.svelte';

const params = new URLSearchParams(location.search);
const backend = new FakeBackend({
  scenario: (params.get('scenario') as 'setup' | 'empty' | 'demo' | null) ?? 'demo',
  language: (params.get('lang') as Lang | null) ?? 'en',
  latency: Number(params.get('latency') ?? 30),
});
mockIPC((cmd, payload) => backend.handle(cmd, payload as Record<string, unknown> | undefined));

await import('./main');

const view = params.get('view');
if (view || params.get('click')) {
  const go = () => {
    if (view?.startsWith('step-')) store.go({ name: 'step', step: view.slice(5) as StepId });
    else if (view === 'workspaces' || view === 'settings' || view === 'home') store.go({ name: view });
    if (params.get('palette')) store.paletteOpen = true;
    // ?click=testid,testid: press buttons once drawn (e.g. setup-submit to see the error summary).
    const clicks = (params.get('click') ?? '').split(',').filter(Boolean);
    let i = 0;
    const next = setInterval(() => {
      if (i >= clicks.length) return clearInterval(next);
      const el = document.querySelector<HTMLElement>(`[data-testid="${clicks[i]}"]`);
      if (el) {
        el.click();
        i++;
      }
    }, 150);
  };
  const wait = setInterval(() => {
    if (document.body.dataset.ready === 'true') {
      clearInterval(wait);
      go();
    }
  }, 20);
}
