// Dev-only entry (preview.html, built with `npm run preview:build`): the real app over a fake
// backend, to look at screens in a plain browser. Query: ?scenario=setup|empty|demo&lang=fr&view=step-1.1
// &sites=10000 (demo sites) &import=canned|cancel|unreadable (what the file dialog gives)
// &section=sites|stakeholders|issues|goals|techniques|types|priorities|strategy (with view=step-…)
// &click=testid,testid &scroll=testid &fold=1 &p2=types (Phase 2: Lode's proposed types accepted)
import { mockIPC } from '@tauri-apps/api/mocks';
import type { Lang, StepId } from './lib/api';
import { FakeBackend } from './dev/fakeBackend';
import { store, type StepSection } from './lib/store.svelte';

const params = new URLSearchParams(location.search);
const backend = new FakeBackend({
  scenario: (params.get('scenario') as 'setup' | 'empty' | 'demo' | null) ?? 'demo',
  language: (params.get('lang') as Lang | null) ?? 'en',
  latency: Number(params.get('latency') ?? 30),
  sites: params.has('sites') ? Number(params.get('sites')) : undefined,
  importFile: (params.get('import') as 'canned' | 'cancel' | 'unreadable' | null) ?? undefined,
});
if (params.get('p2') === 'types' && backend.current) backend.phase2.acceptProposals(backend.current);
mockIPC((cmd, payload) => backend.handle(cmd, payload as Record<string, unknown> | undefined));
// &fold=1: step guidance folded, as an officer who has read it sees the page.
if (params.get('fold')) for (const step of ['1.1', '1.2', '1.3', '1.4', '2.1', '2.2', '2.3', '2.4']) localStorage.setItem(`lode.guidance.collapsed.${step}`, 'true');

await import('./main');

const view = params.get('view');
if (view || params.get('click')) {
  const go = () => {
    const section = params.get('section') as StepSection | null;
    if (view?.startsWith('step-')) store.go({ name: 'step', step: view.slice(5) as StepId, ...(section ? { section } : {}) });
    else if (view === 'workspaces' || view === 'settings' || view === 'home') store.go({ name: view });
    if (params.get('palette')) store.paletteOpen = true;
    // ?click=testid,testid: press buttons once drawn (e.g. setup-submit to see the error summary).
    const clicks = (params.get('click') ?? '').split(',').filter(Boolean);
    let i = 0;
    // &scroll=testid: bring that element to the top once the clicks are done.
    const scrollTo = params.get('scroll');
    const next = setInterval(() => {
      if (i >= clicks.length) {
        const el = scrollTo ? document.querySelector(`[data-testid="${scrollTo}"]`) : null;
        if (!scrollTo || el) {
          el?.scrollIntoView({ block: 'start' });
          clearInterval(next);
        }
        return;
      }
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
