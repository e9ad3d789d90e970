// The national view in the fake backend: a small, plausible sum of two districts, one this
// office's own and one another office sent. The real sums are made by Rust (get_national).
import { NATIONAL_PERIODS, type Lang, type NationalPeriod, type NationalView, type UiError } from '../lib/api';
import { fieldMessage, message } from './fakePhase1';

type L = Record<Lang, string>;
const l = (en: string, fr: string): L => ({ en, fr });

/** A miner count as the backend gives it: women, men, under 18 and the total. */
const split = (total: number) => ({ female: Math.round(total * 0.35), male: total - Math.round(total * 0.35), under18: 0, total });

const COMMODITIES: { code: string; label: L; sites: number; miners: number }[] = [
  { code: 'gold', label: l('Gold', 'Or'), sites: 31, miners: 2140 },
  { code: 'tin', label: l('Tin (cassiterite)', 'Étain (cassitérite)'), sites: 9, miners: 460 },
  { code: 'sand_gravel', label: l('Sand and gravel', 'Sable et gravier'), sites: 4, miners: 95 },
];

const TECHNIQUES: { code: string; label: L; annexC: boolean; sites: number }[] = [
  { code: 'whole_ore_amalgamation', label: l('Whole ore amalgamation', 'Amalgamation du minerai entier'), annexC: true, sites: 6 },
  { code: 'open_burning', label: l('Open burning of amalgam', 'Brûlage de l’amalgame à l’air libre'), annexC: true, sites: 4 },
  { code: 'concentrate_amalgamation', label: l('Amalgamation of concentrate', 'Amalgamation du concentré'), annexC: false, sites: 17 },
  { code: 'gravity_only', label: l('Gravity only', 'Gravimétrie seule'), annexC: false, sites: 12 },
];

/** Bundles the national office received from each trusted office (ms, sequence): the same rule
 *  as Rust decides on time, bundles in the period and the last bundle from them. */
const OFFICES: { keyId: string; officeName: string; workspaceId: string | null; received: [number, number][] }[] = [
  {
    keyId: 'key-kalima',
    officeName: 'Kalima district mining office',
    workspaceId: 'ws-kalima',
    received: [
      [Date.UTC(2026, 4, 4, 11, 0), 1],
      [Date.UTC(2026, 6, 20, 9, 45), 2],
      [Date.UTC(2026, 8, 12, 15, 20), 3],
    ],
  },
  {
    keyId: 'key-mbeya',
    officeName: 'Mbeya district mining office',
    workspaceId: null,
    received: [
      [Date.UTC(2026, 7, 2, 8, 30), 6],
      [Date.UTC(2026, 10, 20, 10, 5), 7],
    ],
  },
];

const DAY = 86_400_000;
const iso = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const startMs = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** The first day of the quarter holding `today` (YYYY-MM-DD). */
export function quarterStart(today: string): string {
  const [y, m] = today.split('-').map(Number);
  return iso(y, Math.floor((m - 1) / 3) * 3 + 1, 1);
}

/** The days `period` covers seen from `today`, as Rust's national::bounds. */
export function periodBounds(today: string, period: NationalPeriod): { start: string | null; end: string; onTimeSince: string } {
  const [y, m] = today.split('-').map(Number);
  const q = Math.floor((m - 1) / 3) * 3 + 1;
  const current = quarterStart(today);
  switch (period) {
    case 'quarter':
      return { start: current, end: iso(y, q + 2, lastDay(y, q + 2)), onTimeSince: current };
    case 'previous_quarter': {
      const [py, pq] = q === 1 ? [y - 1, 10] : [y, q - 3];
      const start = iso(py, pq, 1);
      return { start, end: iso(py, pq + 2, lastDay(py, pq + 2)), onTimeSince: start };
    }
    case 'year':
      return { start: iso(y, 1, 1), end: iso(y, 12, 31), onTimeSince: iso(y, 1, 1) };
    case 'all':
      return { start: null, end: today, onTimeSince: current };
  }
}

/** `ownWorkspace`: the id and name of this office's own workspace, so that the districts table
 *  names one the fake also lists. An unknown `period` is refused as Rust refuses it. */
export function nationalView(lang: Lang, today: string, ownWorkspace: { id: string; name: string; jurisdiction: string } | null, period: string = 'quarter'): NationalView {
  if (!(NATIONAL_PERIODS as readonly string[]).includes(period)) {
    throw {
      code: 'validation',
      message: message(lang, 'validation'),
      record: null,
      fields: [{ field: 'period', code: 'invalid_choice', message: fieldMessage(lang, 'period', 'invalid_choice') }],
    } satisfies UiError;
  }
  const bounds = periodBounds(today, period as NationalPeriod);
  const since = bounds.start === null ? -Infinity : startMs(bounds.start);
  const until = startMs(bounds.end) + DAY;
  const onTimeSince = startMs(bounds.onTimeSince);
  const inPeriod = (o: (typeof OFFICES)[number]) => o.received.filter(([at]) => at >= since && at < until).length;
  const submissions = OFFICES.map((o) => {
    const seen = o.received.filter(([at]) => at < until);
    return {
      keyId: o.keyId,
      officeName: o.officeName,
      lastReceivedAt: seen.length ? Math.max(...seen.map(([at]) => at)) : null,
      lastSequence: seen.length ? Math.max(...seen.map(([, n]) => n)) : null,
      bundles: inPeriod(o),
      onTime: seen.some(([at]) => at >= onTimeSince),
    };
  }).sort((a, b) => Number(a.onTime) - Number(b.onTime) || a.officeName.localeCompare(b.officeName));
  const bundlesOf = (workspaceId: string) => OFFICES.filter((o) => o.workspaceId === workspaceId).reduce((n, o) => n + inPeriod(o), 0);
  const totalSites = COMMODITIES.reduce((n, c) => n + c.sites, 0);
  const own = ownWorkspace ?? { id: 'ws-1', name: 'Lwanga Province ASM strategy 2027–2030', jurisdiction: 'Lwanga Province' };
  return {
    period: period as NationalPeriod,
    periodStart: bounds.start,
    periodEnd: bounds.end,
    onTimeSince: bounds.onTimeSince,
    totals: {
      sites: totalSites,
      miners: { female: 1010, male: 1685, under18: 42, total: 2695 },
      mercuryKg: { low: 310, high: 540, sitesWithEstimate: 22 },
    },
    districts: [
      { workspaceId: own.id, name: own.name, jurisdiction: own.jurisdiction, officeName: 'Lwanga provincial mining office', sites: 28, miners: split(1830), mercuryKg: { low: 220, high: 390, sitesWithEstimate: 15 }, licences: 37, actions: 9, bundles: 0 },
      { workspaceId: 'ws-kalima', name: 'Kalima district ASM strategy', jurisdiction: 'Kalima district', officeName: 'Kalima district mining office', sites: 16, miners: split(865), mercuryKg: { low: 90, high: 150, sitesWithEstimate: 7 }, licences: 12, actions: 5, bundles: bundlesOf('ws-kalima') },
    ],
    byCommodity: COMMODITIES.map((c) => ({ code: c.code, label: c.label[lang], sites: c.sites, miners: split(c.miners) })),
    techniques: TECHNIQUES.map((x) => ({ code: x.code, label: x.label[lang], annexC: x.annexC, sites: x.sites, share: x.sites / totalSites })),
    licences: [
      { licenceType: 'artisanal_permit', typeLabel: lang === 'fr' ? 'Permis artisanal' : 'Artisanal permit', status: 'granted', count: 34 },
      { licenceType: 'artisanal_permit', typeLabel: lang === 'fr' ? 'Permis artisanal' : 'Artisanal permit', status: 'applied', count: 8 },
      { licenceType: 'small_scale_licence', typeLabel: lang === 'fr' ? 'Licence de petite mine' : 'Small-scale mining licence', status: 'granted', count: 5 },
      { licenceType: 'small_scale_licence', typeLabel: lang === 'fr' ? 'Licence de petite mine' : 'Small-scale mining licence', status: 'expired', count: 2 },
    ],
    actions: {
      count: 14,
      byStatus: { planned: 6, in_progress: 5, done: 2, delayed: 1 },
      budget: { USD: 184_500, XOF: 12_000_000 },
    },
    indicators: [
      { workspaceName: own.name, indicator: 'mercury_free_sites', label: lang === 'fr' ? 'Sites sans mercure' : 'Mercury-free sites', unit: '%', latest: 18, target: 40, progress: 0.45 },
      { workspaceName: 'Kalima district ASM strategy', indicator: 'licensed_miners', label: lang === 'fr' ? 'Mineurs titulaires d’un permis' : 'Licensed miners', unit: 'miners', latest: null, target: 500, progress: null },
    ],
    submissions,
  };
}
