// The national view in the fake backend: a small, plausible sum of two districts, one this
// office's own and one another office sent. The real sums are made by Rust (get_national).
import type { Lang, NationalView } from '../lib/api';

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

/** The first day of the quarter holding `today` (YYYY-MM-DD). */
export function quarterStart(today: string): string {
  const [y, m] = today.split('-').map(Number);
  const first = Math.floor((m - 1) / 3) * 3 + 1;
  return `${y}-${String(first).padStart(2, '0')}-01`;
}

/** `ownWorkspace`: the id and name of this office's own workspace, so that the districts table
 *  names one the fake also lists. */
export function nationalView(lang: Lang, today: string, ownWorkspace: { id: string; name: string; jurisdiction: string } | null): NationalView {
  const periodStart = quarterStart(today);
  const totalSites = COMMODITIES.reduce((n, c) => n + c.sites, 0);
  const own = ownWorkspace ?? { id: 'ws-1', name: 'Lwanga Province ASM strategy 2027–2030', jurisdiction: 'Lwanga Province' };
  return {
    periodStart,
    totals: {
      sites: totalSites,
      miners: { female: 1010, male: 1685, under18: 42, total: 2695 },
      mercuryKg: { low: 310, high: 540, sitesWithEstimate: 22 },
    },
    districts: [
      { workspaceId: own.id, name: own.name, jurisdiction: own.jurisdiction, officeName: 'Lwanga provincial mining office', sites: 28, miners: split(1830), mercuryKg: { low: 220, high: 390, sitesWithEstimate: 15 }, licences: 37, actions: 9 },
      { workspaceId: 'ws-kalima', name: 'Kalima district ASM strategy', jurisdiction: 'Kalima district', officeName: 'Kalima district mining office', sites: 16, miners: split(865), mercuryKg: { low: 90, high: 150, sitesWithEstimate: 7 }, licences: 12, actions: 5 },
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
    submissions: [
      { keyId: 'key-kalima', officeName: 'Kalima district mining office', lastReceivedAt: Date.UTC(2026, 8, 12, 15, 20), lastSequence: 3, onTime: false },
      { keyId: 'key-mbeya', officeName: 'Mbeya district mining office', lastReceivedAt: Date.UTC(2026, 10, 20, 10, 5), lastSequence: 7, onTime: true },
    ],
  };
}
