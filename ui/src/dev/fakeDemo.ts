// Phase 1 demo records for the fake backend: a fictional province with a task force (water and
// labour still missing), a forum of forty stakeholders and six consultations, a few hundred sites
// (or as many as asked), a capacity matrix, a supply chain with a cross-border route, actors and
// partners. Fixed-seed numbers, so every preview looks the same. Every record goes through the
// fake's validation, like the Rust demo.
import type { Lang } from '../lib/api';
import { catalogue, type Phase1 } from './fakePhase1';

const DISTRICTS = ['Mbeli', 'Kasoro', 'Tandala', 'Ruvuma Hills', 'Nkoro', 'Lake Sanza'];
const PLACES = ['Kalima', 'Mulenge', 'Bisoko', 'Nyamara', 'Tshibinda', 'Kilembe', 'Mugogo', 'Lubero', 'Kasika', 'Ngweshe', 'Lemera', 'Kitutu', 'Mukera', 'Bunyakiri', 'Kalonge', 'Kamanyola'];

class Dice {
  constructor(private state: number) {}
  next(): number {
    this.state = (this.state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return this.state;
  }
  below(n: number): number {
    // The high bits: the low bits of a power-of-two LCG repeat with a short period.
    return (this.next() >>> 12) % Math.max(1, n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)];
  }
}

const L = (lang: Lang, en: string, fr: string) => (lang === 'fr' ? fr : en);

export function seedPhase1(p: Phase1, ws: string, lang: Lang, siteCount: number): void {
  const dice = new Dice(20_261_128);
  const save = (kind: Parameters<Phase1['save']>[1], fields: Record<string, unknown>) => p.save(ws, kind, null, fields).id;
  const codes = (list: string) => catalogue('en', list).map((e) => e.code);
  const label = (list: string, code: string) => catalogue(lang, list).find((e) => e.code === code)?.label ?? code;

  // 1.1 Task force
  save('task_force_charter', {
    mandate: L(lang, 'Provincial decree 12/2026 creates the ASM task force to prepare, adopt and oversee the provincial ASM management strategy.', 'Le décret provincial 12/2026 crée le groupe de travail EMAPE chargé de préparer, d’adopter et de suivre la stratégie provinciale de gestion de l’EMAPE.'),
    legalBasis: L(lang, 'Mining Code, article 109; Provincial decree 12/2026 of 14 February 2026', 'Code minier, article 109 ; décret provincial 12/2026 du 14 février 2026'),
    leadAgency: 'mines',
    chair: 'Hon. Grace Mwamba',
    secretariat: L(lang, 'Provincial mining division, small-scale mining unit', 'Division provinciale des mines, cellule de la petite mine'),
    budgetAmount: 48000,
    budgetCurrency: 'USD',
    adoptedOn: '2026-02-14',
  });
  const department = L(lang, 'Provincial directorate', 'Direction provinciale');
  for (const [agency, person, level, role] of [
    ['mines', 'Joseph Ndeze', 'province', 'Chair'],
    ['environment', 'Aline Uwase', 'province', 'Member'],
    ['finance', 'Patrick Mulumba', 'national', 'Member'],
    ['lands', 'Esther Bahati', 'province', 'Member'],
    ['planning', 'Didier Assani', 'province', 'Secretary'],
    ['health', 'Dr Jean-Marie Lufungula', 'province', 'Member'],
  ]) {
    save('task_force_member', { agency, focalPerson: person, level, role, department });
  }
  const meetings: [string, string, string, string, string, boolean][] = [
    ['2026-03-05', L(lang, 'Work plan adopted; context analysis to start in April with the district offices.', 'Plan de travail adopté ; l’analyse du contexte commencera en avril avec les bureaux de district.'), L(lang, 'Send the work plan to all member agencies', 'Envoyer le plan de travail à toutes les agences membres'), 'Secretariat', '2026-03-31', true],
    ['2026-06-18', L(lang, 'First site inventory reviewed; gaps in mercury data noted; the water agency to be invited.', 'Premier inventaire des sites examiné ; lacunes des données sur le mercure relevées ; l’agence de l’eau sera invitée.'), L(lang, 'Collect mercury-use estimates from the environment inspectors', 'Recueillir les estimations d’utilisation du mercure auprès des inspecteurs de l’environnement'), 'Environment', '2026-08-30', false],
    ['2026-10-09', L(lang, 'Draft Context Report discussed; stakeholder forum to validate it in November.', 'Projet de rapport de contexte discuté ; le forum des parties prenantes le validera en novembre.'), L(lang, 'Circulate the draft Context Report to forum members', 'Diffuser le projet de rapport de contexte aux membres du forum'), 'Mines', '2026-12-15', false],
  ];
  for (const [heldOn, decisions, action, owner, dueOn, done] of meetings) {
    const meetingId = save('task_force_meeting', { heldOn, attendees: 'Mines, Environment, Finance, Lands, Planning', decisions });
    save('meeting_action', { meetingId, description: action, owner, dueOn, done });
  }

  // 1.2 Forum
  save('forum_charter', {
    termsOfReference: L(lang, 'The provincial ASM forum brings together miners’ associations, women and youth miners, traders, customary authorities, communities and partners four times a year to advise the task force.', 'Le forum provincial de l’EMAPE réunit quatre fois par an les associations de mineurs, les femmes et les jeunes mineurs, les commerçants, les autorités coutumières, les communautés et les partenaires pour conseiller le groupe de travail.'),
    meetingsPerYear: 4,
    levels: ['province', 'district'],
  });
  const groups = codes('stakeholder_groups');
  const sexes = ['female', 'male', 'male', 'female', 'unknown'];
  for (let i = 0; i < 40; i++) {
    const group = groups[i % groups.length];
    save('stakeholder', {
      organisation: `${label('stakeholder_groups', group)} — ${PLACES[i % PLACES.length]}`,
      group,
      region: DISTRICTS[i % DISTRICTS.length],
      representativeSex: dice.pick(sexes),
      influence: 1 + dice.below(5),
      interest: 1 + dice.below(5),
      vulnerability: ['low', 'medium', 'high'][i % 3],
      insider: i % 4 === 0,
    });
  }
  const heardGroups = groups.slice(0, 14);
  for (const [heldOn, place, steps] of [
    ['2026-02-20', 'Lwanga', ['1.1', '1.2']],
    ['2026-04-16', 'Mbeli', ['1.2', '1.3']],
    ['2026-06-25', 'Kasoro', ['1.3']],
    ['2026-09-10', 'Tandala', ['1.3', '1.4']],
    ['2026-11-05', 'Lwanga', ['1.3', '2.1']],
  ] as [string, string, string[]][]) {
    const attendance = heardGroups.filter(() => dice.below(3) > 0).map((group) => ({ group, female: dice.below(8), male: 2 + dice.below(12) }));
    save('consultation_event', {
      heldOn,
      place,
      steps,
      attendance,
      issuesRaised: L(lang, 'Access to land and permits; mercury and health; pre-financing by traders; security on roads.', 'Accès à la terre et aux permis ; mercure et santé ; préfinancement par les commerçants ; sécurité sur les routes.'),
      governmentResponse: L(lang, 'The task force will publish the permit steps and fees and invite the health department to the next forum.', 'Le groupe de travail publiera les étapes et les frais des permis et invitera la direction de la santé au prochain forum.'),
    });
  }

  // 1.3 Sites
  const commodities = ['gold', 'gold', 'gold', 'gold', 'tin', 'tantalum', 'construction_materials', 'coloured_gemstones', 'diamonds'];
  const deposits = codes('deposit_types');
  const mech = codes('mechanisation_levels');
  const orgs = codes('organisation_forms');
  const seasons = codes('seasonality');
  const legal = [...codes('legal_status'), ''];
  const techniques = codes('techniques');
  const impacts = codes('impact_categories');
  for (let i = 0; i < siteCount; i++) {
    const commodity = dice.pick(commodities);
    const female = dice.below(60);
    const male = 10 + dice.below(180);
    const gold = commodity === 'gold';
    const low = gold && dice.below(3) > 0 ? 2 + dice.below(40) : null;
    save('site', {
      name: `${PLACES[i % PLACES.length]} ${['North', 'South', 'Creek', 'Ridge', 'Pit', 'Terrace'][dice.below(6)]} ${Math.floor(i / PLACES.length) + 1}`,
      adminUnit: DISTRICTS[dice.below(DISTRICTS.length)],
      latitude: Math.round((-3.2 + dice.below(1500) / 1000) * 10000) / 10000,
      longitude: Math.round((28.1 + dice.below(1500) / 1000) * 10000) / 10000,
      commodity,
      depositType: i % 11 === 0 ? '' : dice.pick(deposits),
      mechanisation: i % 13 === 0 ? '' : dice.pick(mech),
      organisation: dice.pick(orgs),
      seasonality: dice.pick(seasons),
      minersFemale: female,
      minersMale: male,
      minersUnder18: dice.below(Math.min(20, female + male)),
      legalStatus: dice.pick(legal),
      productionAmount: gold ? 50 + dice.below(2000) : null,
      productionUnit: gold ? 'g' : '',
      priceUsd: gold ? 60 + dice.below(20) : null,
      techniques: [dice.pick(techniques), dice.pick(techniques)],
      mercuryKgLow: low,
      mercuryKgHigh: low === null ? null : low + dice.below(30),
      mercuryMethod: low === null ? '' : L(lang, 'Ratio of mercury to gold produced (1.3:1), from interviews with processors', 'Ratio mercure/or produit (1,3:1), d’après des entretiens avec les transformateurs'),
      impacts: [dice.pick(impacts)],
      source: L(lang, 'District office field visit, 2026', 'Visite de terrain du bureau de district, 2026'),
      confidence: ['low', 'medium', 'high'][dice.below(3)],
    });
  }

  // 1.3 Capacity
  const offices = [L(lang, 'Provincial mining division', 'Division provinciale des mines'), L(lang, 'Mbeli district office', 'Bureau du district de Mbeli'), L(lang, 'Provincial environment office', 'Bureau provincial de l’environnement')];
  const functions = codes('capacity_functions');
  offices.forEach((office, o) => {
    functions.forEach((fn, f) => {
      if ((o + f) % 3 === 2) return;
      save('capacity_cell', {
        office,
        function: fn,
        staff: 1 + dice.below(12),
        fieldOffices: dice.below(4),
        vehicles: dice.below(3),
        budgetUsd: 2000 + dice.below(30) * 1000,
        mandateClarity: ['clear', 'partial', 'unclear'][dice.below(3)],
        score: dice.below(4),
        gap: L(lang, 'Too few trained inspectors and no vehicle for field visits.', 'Trop peu d’inspecteurs formés et aucun véhicule pour les visites de terrain.'),
      });
    });
  });

  // 1.3 Supply chain
  const node = (name: string, nodeType: string, location: string, licenceStatus: string, riskFlags: string[] = []) =>
    save('supply_node', { name, nodeType, location, licenceStatus, riskFlags });
  const pitA = node('Kalima pits', 'mine_site', 'Mbeli', 'unlicensed', ['worst_forms_child_labour']);
  const pitB = node('Bisoko shafts', 'mine_site', 'Kasoro', 'licensed');
  const mill = node('Mulenge processing centre', 'processing_site', 'Mbeli', 'unknown');
  const buyer = node('Kalima comptoir', 'local_buyer', 'Mbeli', 'licensed');
  const trader = node('Lwanga gold traders', 'regional_trader', 'Lwanga', 'licensed', ['bribery_false_origin', 'unpaid_taxes_royalties']);
  const exporter = node('Great Lakes Export Ltd', 'exporter', 'Lwanga', 'licensed');
  const refiner = node('Regional refinery', 'refiner', L(lang, 'Neighbouring country', 'Pays voisin'), 'unknown', ['money_laundering']);
  const flow = (fromNode: string, toNode: string, volume: number, price: number | null, extra: Record<string, unknown> = {}) =>
    save('supply_flow', { fromNode, toNode, volume, volumeUnit: L(lang, 'kg/yr', 'kg/an'), price, currency: price === null ? '' : 'USD', licenceStatus: 'unknown', ...extra });
  flow(pitA, mill, 120, null);
  flow(pitB, mill, 60, null, { licenceStatus: 'licensed' });
  flow(mill, buyer, 170, 52_000, { preFinance: true });
  flow(buyer, trader, 150, 56_000, { taxPoint: true });
  flow(trader, exporter, 90, 60_000, { licenceStatus: 'licensed' });
  flow(exporter, refiner, 85, 63_000, { crossBorder: true, taxPoint: true });
  flow(trader, refiner, 55, 61_000, { crossBorder: true, notes: L(lang, 'Gold carried across the border by informal traders without export papers.', 'Or transporté de l’autre côté de la frontière par des commerçants informels sans documents d’exportation.') });

  // 1.3 Political economy
  const interests = L(lang, 'Keep control of access to sites and of the informal fees collected there.', 'Garder le contrôle de l’accès aux sites et des frais informels qui y sont perçus.');
  for (const [name, actorType, power, stance, rents] of [
    ['Mwami of Kasoro', 'customary_authority', 4, 'supports', L(lang, 'Land fees from pit owners', 'Redevances foncières des propriétaires de puits')],
    ['Mbeli site bosses', 'site_boss', 4, 'opposes', L(lang, 'A share of every bag of ore', 'Une part de chaque sac de minerai')],
    ['Lwanga gold traders', 'trader_network', 5, 'neutral', L(lang, 'Pre-financing repaid in gold below market price', 'Préfinancement remboursé en or en dessous du prix du marché')],
    ['Road checkpoint units', 'security_forces', 3, 'strongly_opposes', L(lang, 'Informal tolls on the Mbeli road', 'Péages informels sur la route de Mbeli')],
    ['Kalima miners’ cooperative', 'miners_association', 2, 'strongly_supports', ''],
    ['Provincial MP for Tandala', 'politician', 3, '', ''],
  ] as [string, string, number, string, string][]) {
    save('political_actor', { name, actorType, power, stance, rents, interests });
  }

  // 1.4 Partners
  const programme = L(lang, 'Support to formalisation and mercury reduction', 'Appui à la formalisation et à la réduction du mercure');
  for (const [organisation, partnerType, roles, funds, cur, status, start, end, theme] of [
    ['planetGOLD Lwanga', 'development_partner', ['design', 'finance', 'implement'], 1_200_000, 'USD', 'signed', '2026-01-01', '2029-12-31', L(lang, 'Mercury reduction', 'Réduction du mercure')],
    ['European Union delegation', 'donor', ['finance', 'monitor'], 800_000, 'EUR', 'negotiating', '2027-01-01', '2030-06-30', L(lang, 'Formalisation', 'Formalisation')],
    ['Lwanga Microfinance', 'financial_entity', ['finance'], 150_000, 'USD', 'planned', null, null, L(lang, 'Credit for cooperatives', 'Crédit aux coopératives')],
    ['Université de Lwanga', 'academia', ['monitor'], null, '', 'signed', '2026-03-01', '2027-02-28', L(lang, 'Baseline surveys', 'Enquêtes de référence')],
    ['Great Lakes Refiners Alliance', 'downstream_company', ['implement'], null, '', 'planned', null, null, L(lang, 'Traceability', 'Traçabilité')],
  ] as [string, string, string[], number | null, string, string, string | null, string | null, string][]) {
    save('partner', { organisation, partnerType, programme, commodity: 'gold', geography: 'Lwanga Province', theme, roles, funds, currency: cur, startOn: start, endOn: end, agreementStatus: status });
  }
}
