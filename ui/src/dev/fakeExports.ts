// The exports of the fake backend (see fakeBackend.ts): registers (export_register) and phase
// documents (export_document), as docs/commands.md describes them. No file is written: the fake
// "save dialog" gives a canned name, nothing (cancelled) or a folder that cannot be written to.
// Dev-only: used by the preview build and the component tests, never shipped.
import type { DocumentFormat, DocumentName, DocumentSummary, Lang, RegisterExportResult, RegisterFormat, RegisterName, UiError } from '../lib/api';
import { fieldMessage, message, uiError } from './fakePhase1';

/** What the fake save dialog of the exports gives: a file, nothing, or a file that cannot be written. */
export type ExportFile = 'saved' | 'cancel' | 'unwritable';

const REGISTERS: Record<RegisterName, { formats: RegisterFormat[]; personal: boolean; rows: number }> = {
  sites: { formats: ['xlsx', 'csv', 'geojson'], personal: false, rows: 240 },
  stakeholders: { formats: ['xlsx', 'csv'], personal: false, rows: 38 },
  partners: { formats: ['xlsx', 'csv'], personal: false, rows: 6 },
  'licence-holders': { formats: ['xlsx', 'csv'], personal: true, rows: 412 },
  actions: { formats: ['xlsx', 'csv'], personal: false, rows: 24 },
  measurements: { formats: ['xlsx', 'csv'], personal: false, rows: 57 },
  zones: { formats: ['geojson', 'xlsx', 'csv'], personal: false, rows: 4 },
};
const DOCUMENTS: DocumentName[] = ['context', 'strategy', 'plan', 'me'];
/** Sizes near the demo's real ones, in bytes. */
const DOCUMENT_BYTES: Record<DocumentName, Record<DocumentFormat, number>> = {
  context: { pdf: 214_733, docx: 48_210 },
  strategy: { pdf: 386_902, docx: 71_455 },
  plan: { pdf: 158_120, docx: 39_874 },
  me: { pdf: 132_506, docx: 35_018 },
};

export class Exports {
  constructor(
    private lang: () => Lang,
    private today: () => string,
    private file: ExportFile,
  ) {}

  register(register: string, format: string, includePersonalData: boolean): RegisterExportResult | null {
    const lang = this.lang();
    const spec = REGISTERS[register as RegisterName];
    if (!spec) throw uiError(lang, 'registers.unknown_register', 'registers.unknown_register', { name: register, names: Object.keys(REGISTERS).join(', ') });
    if (!['xlsx', 'csv', 'geojson'].includes(format)) throw uiError(lang, 'registers.unknown_format', 'registers.unknown_format', { name: format, names: 'xlsx, csv, geojson' });
    if (!spec.formats.includes(format as RegisterFormat)) throw uiError(lang, 'registers.no_geometry', 'registers.no_geometry', { register });
    const fileName = `${register}-${this.today()}.${format}`;
    if (this.file === 'cancel') return null;
    if (this.file === 'unwritable') throw uiError(lang, 'registers.write_failed', 'registers.write_failed', { file: fileName, detail: 'permission denied' });
    const skipped = format === 'geojson' && register === 'sites' ? 1 : 0;
    return {
      register: register as RegisterName,
      format: format as RegisterFormat,
      fileName,
      rows: spec.rows - skipped,
      skippedWithoutLocation: skipped,
      personalDataIncluded: spec.personal && includePersonalData,
      personalDataMasked: spec.personal && !includePersonalData,
    };
  }

  /** `draft`: the strategy's current version is not signed off. */
  document(report: string, format: string, lang: string | null, draft: boolean): DocumentSummary | null {
    const ui = this.lang();
    if (!DOCUMENTS.includes(report as DocumentName)) throw uiError(ui, 'documents.unknown_report', 'documents.unknown_report', { name: report });
    if (format !== 'pdf' && format !== 'docx') throw uiError(ui, 'documents.unknown_format', 'documents.unknown_format', { name: format });
    if (lang !== null && lang !== 'en' && lang !== 'fr') {
      throw { code: 'validation', message: message(ui, 'validation'), record: null, fields: [{ field: 'lang', code: 'invalid_choice', message: fieldMessage(ui, 'lang', 'invalid_choice') }] } satisfies UiError;
    }
    const fileName = `lode-${report}-${this.today()}.${format}`;
    if (this.file === 'cancel') return null;
    if (this.file === 'unwritable') {
      throw uiError(ui, 'documents.write_failed', 'documents.write_failed', { path: `/home/amina/Documents/${fileName}`, reason: 'permission denied' });
    }
    return { fileName, bytes: DOCUMENT_BYTES[report as DocumentName][format], draft };
  }
}
