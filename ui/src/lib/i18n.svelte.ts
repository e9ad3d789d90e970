// UI strings: one flat catalogue per language, shared with the Rust side in assets/i18n.
// `t` reads `locale.lang`, a rune, so every template that calls it re-renders at once when the
// language changes; no reload. Step titles, guidance and error messages come from Rust already
// translated and are never duplicated here.
import en from '../../../assets/i18n/en/ui.json';
import fr from '../../../assets/i18n/fr/ui.json';

export type Lang = 'en' | 'fr';
export type MsgKey = keyof typeof en;
type Catalogue = Record<MsgKey, string>;

// The type annotation makes svelte-check fail if fr lacks a key that en has.
const catalogues: Record<Lang, Catalogue> = { en, fr };

export const locale = $state({ lang: 'en' as Lang });

export function setLocale(lang: Lang): void {
  locale.lang = lang;
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}

export function t(key: MsgKey, params: Record<string, string | number> = {}): string {
  const text = catalogues[locale.lang][key] ?? catalogues.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? formatParam(params[name]) : whole,
  );
}

function formatParam(value: string | number): string {
  return typeof value === 'number' ? formatNumber(value) : value;
}

// Numbers and dates always follow the UI language, not the machine's locale.
export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(locale.lang, options).format(value);
}

export function formatPercent(ratio: number): string {
  return formatNumber(Math.max(0, Math.min(1, ratio)), { style: 'percent', maximumFractionDigits: 0 });
}

export function formatDate(ms: number): string {
  return new Intl.DateTimeFormat(locale.lang, { dateStyle: 'medium' }).format(new Date(ms));
}

export function formatDateTime(ms: number): string {
  return new Intl.DateTimeFormat(locale.lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(ms));
}

/** A size in bytes with its unit, e.g. "1.4 MB" / "1,4 Mo". */
export function formatBytes(bytes: number): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let i = 0;
  while (value >= 1000 && i < units.length - 1) {
    value /= 1000;
    i++;
  }
  return formatNumber(value, { style: 'unit', unit: units[i], unitDisplay: 'short', maximumFractionDigits: i === 0 ? 0 : 1 });
}

/** Today's date in the officer's local time zone, as YYYY-MM-DD (what <input type=date> wants). */
export function todayIso(now: Date = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** A calendar date (YYYY-MM-DD, as records keep them) in the UI language; "" for none. */
export function formatIsoDate(iso: string | null | undefined): string {
  if (!iso || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso ?? '';
  const [y, m, d] = iso.split('-').map(Number);
  return new Intl.DateTimeFormat(locale.lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** An amount with its currency code, e.g. "USD 12,500" / "12 500 USD"; the code is always shown. */
export function formatMoney(amount: number, currency: string): string {
  const code = currency.trim().toUpperCase();
  if (/^[A-Z]{3}$/.test(code)) {
    try {
      const digits = Number.isInteger(amount) ? 0 : 2;
      return new Intl.NumberFormat(locale.lang, { style: 'currency', currency: code, currencyDisplay: 'code', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(amount);
    } catch {
      // An unknown code: fall through to number + code.
    }
  }
  return `${formatNumber(amount, { maximumFractionDigits: 2 })}${code ? ` ${code}` : ''}`;
}

/** A number for an input field: no grouping, the decimal mark of the UI language. */
export function numberToInput(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  const text = String(value);
  return locale.lang === 'fr' ? text.replace('.', ',') : text;
}

/**
 * What the officer typed, as a number: null when empty, NaN when it is not a number. Accepts
 * "1,234.5" in English and "1 234,5" in French (and a dot as the decimal mark in both).
 */
export function parseNumberInput(text: string): number | null {
  let s = text.trim().replace(/[\s\u00a0\u202f]/g, '');
  if (s === '') return null;
  if (locale.lang === 'en' && /^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, '');
  else s = s.replace(',', '.');
  return /^[-+]?(\d+\.?\d*|\.\d+)$/.test(s) ? Number(s) : Number.NaN;
}
