import type { ImportProblem, SheetName } from "../../../schemas/imports.ts";

export function problem(
  sheet: SheetName,
  source: string | null,
  row: number | null,
  column: string | null,
  value: string | null,
  message: string,
  messageEn: string,
): ImportProblem {
  return { sheet, source, row, column, value: value === "" ? null : value, message, messageEn };
}

export function fileProblem(source: string | null, message: string, messageEn: string): ImportProblem {
  return { sheet: "file", source, row: null, column: null, value: null, message, messageEn };
}
