// The catalogues must stay complete: same keys in every language, same {placeholders}, and every
// key the source asks for with t('...') must exist.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../../../assets/i18n/en/ui.json';
import fr from '../../../assets/i18n/fr/ui.json';

const catalogues: Record<string, Record<string, string>> = { en, fr };
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'tests' ? [] : sourceFiles(path);
    return /\.(svelte|ts)$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('UI string catalogues', () => {
  it('en and fr have exactly the same keys', () => {
    const enKeys = Object.keys(en).sort();
    const frKeys = Object.keys(fr).sort();
    expect(frKeys.filter((k) => !enKeys.includes(k)), 'keys only in fr').toEqual([]);
    expect(enKeys.filter((k) => !frKeys.includes(k)), 'keys only in en').toEqual([]);
  });

  it('every text is non-empty and uses the same placeholders in every language', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      for (const lang of Object.keys(catalogues)) {
        expect(catalogues[lang][key]?.trim(), `${lang}:${key} is empty`).toBeTruthy();
      }
      expect(placeholders(fr[key]), `placeholders of ${key}`).toEqual(placeholders(en[key]));
    }
  });

  it('every key used in the source exists in the catalogue', () => {
    const srcDir = join(__dirname, '..');
    const used = new Set<string>();
    for (const file of sourceFiles(srcDir)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*['"`]([^'"`]+)['"`]/g)) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(50);
    const missing = [...used].filter((k) => !(k in en));
    expect(missing, 'keys used with t() but missing from en/ui.json').toEqual([]);
  });

  it('French says EMAPE where English says ASM', () => {
    for (const key of Object.keys(fr) as (keyof typeof fr)[]) {
      expect(fr[key], key).not.toMatch(/\bASM\b/);
    }
  });
});
