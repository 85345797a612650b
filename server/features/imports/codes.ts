import type { CodeListName } from "../../../schemas/codes.ts";

export interface CodeRow {
  list: CodeListName;
  code: string;
  label: string;
  national_category: string | null;
  sort_order: number;
}

/** Every run of non-letters becomes one "_", so "Slutföra anställning/studier" and "slutföra_anställning_studier" meet. */
export function fold(value: string): string {
  return value
    .trim()
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "");
}

/**
 * Words of the import format that the default code lists spell differently. Used only when the
 * value matches no code or label of the project, and only if the project has the target code.
 */
const formatWords: Partial<Record<CodeListName, Record<string, string>>> = {
  extension_reason: { vantar_overlamning: "overlamning", invanta_overlamning: "overlamning", annan: "annat", slutfora_anstallning_studier: "slutfora" },
};

/** One project's code lists, read once per import, answering "which code does this cell mean?". */
export class CodeIndex {
  private readonly byList = new Map<CodeListName, CodeRow[]>();
  /** Ten thousand rows repeat a handful of values: each is worked out once. */
  private readonly memo = new Map<string, string | null>();

  constructor(rows: CodeRow[]) {
    for (const r of [...rows].sort((a, b) => a.sort_order - b.sort_order)) {
      const list = this.byList.get(r.list) ?? [];
      list.push(r);
      this.byList.set(r.list, list);
    }
  }

  rows(list: CodeListName): CodeRow[] {
    return this.byList.get(list) ?? [];
  }

  /** The code a value means: the code, the label (any case), either folded, or a word of the format. */
  resolve(list: CodeListName, value: string): string | null {
    const key = `${list}\u0000${value}`;
    const known = this.memo.get(key);
    if (known !== undefined) return known;
    const code = this.find(list, value);
    this.memo.set(key, code);
    return code;
  }

  private find(list: CodeListName, value: string): string | null {
    const rows = this.rows(list);
    const v = value.trim().toLowerCase();
    const f = fold(value);
    const hit =
      rows.find((r) => r.code === v) ??
      rows.find((r) => r.label.toLowerCase() === v) ??
      rows.find((r) => r.code === f) ??
      rows.find((r) => fold(r.label) === f) ??
      rows.find((r) => r.code === formatWords[list]?.[f]);
    return hit?.code ?? null;
  }

  /**
   * An income source: a code or label of the project's income types, or a DIS source (FK, AF,
   * Kom, Egen, Ingen) — then the code of that source the row names as main income, else the
   * first such code of the list.
   */
  resolveIncome(value: string, preferred: string | null): string | null {
    const direct = this.resolve("income_type", value);
    if (direct) return direct;
    const category = value.trim().toLowerCase();
    const candidates = this.rows("income_type").filter((r) => r.national_category?.toLowerCase() === category);
    return (candidates.find((r) => r.code === preferred) ?? candidates[0])?.code ?? null;
  }

  /** Some codes of the list, for a message saying what is accepted. */
  examples(list: CodeListName, n = 8): string {
    const rows = this.rows(list);
    return rows
      .slice(0, n)
      .map((r) => r.code)
      .join(", ")
      .concat(rows.length > n ? " …" : "");
  }
}
