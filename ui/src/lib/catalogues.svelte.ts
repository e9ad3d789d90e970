// The reference lists (agencies, commodities, techniques…) as get_catalogues gives them, in the
// UI language. Records keep codes only; labels come from here, so a language switch relabels
// everything without touching data. Fetched once per language.
import { api, toUiError, type CatalogueEntry, type CatalogueName, type Catalogues, type Lang, type UiError } from './api';
import { t } from './i18n.svelte';

class CatalogueStore {
  lists = $state<Catalogues>({});
  lang = $state<Lang | null>(null);
  error = $state<UiError | null>(null);
  private pending: { lang: Lang; promise: Promise<void> } | null = null;

  /** Load the lists for `lang` unless they are here already (or on their way). */
  ensure(lang: Lang): Promise<void> {
    if (this.lang === lang && !this.error) return Promise.resolve();
    if (this.pending?.lang === lang) return this.pending.promise;
    const promise = api
      .getCatalogues()
      .then((lists) => {
        if (this.pending?.lang !== lang) return; // a later language won
        this.lists = lists;
        this.lang = lang;
        this.error = null;
      })
      .catch((e: unknown) => {
        this.error = toUiError(e);
      })
      .finally(() => {
        if (this.pending?.lang === lang) this.pending = null;
      });
    this.pending = { lang, promise };
    return promise;
  }

  entries(list: CatalogueName): CatalogueEntry[] {
    return this.lists[list] ?? [];
  }

  find(list: CatalogueName, code: string): CatalogueEntry | undefined {
    return this.entries(list).find((e) => e.code === code);
  }

  /** The label of `code`; "Not recorded" for ""; the code itself if the list does not know it. */
  label(list: CatalogueName, code: string | null | undefined): string {
    if (!code) return t('common.notRecorded');
    return this.find(list, code)?.label ?? code;
  }

  /** The label without its explanation in brackets ("Low (motor pumps…)" → "Low"), for dense tables. */
  short(list: CatalogueName, code: string | null | undefined): string {
    return this.label(list, code).replace(/\s*\([^)]*\)\s*$/, '');
  }

  labels(list: CatalogueName, codes: readonly string[]): string {
    return codes.map((c) => this.label(list, c)).join(', ');
  }

  /** For tests, which share this module. */
  reset(): void {
    this.lists = {};
    this.lang = null;
    this.error = null;
    this.pending = null;
  }
}

export const catalogues = new CatalogueStore();
