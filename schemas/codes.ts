import { z } from "zod";
import { Version } from "./common.ts";

export const CodeListName = z.enum(["referring_party", "exit_status", "income_type", "education_level", "activity_type", "extension_reason", "step"], {
  error: "Okänd kodlista",
});
export type CodeListName = z.infer<typeof CodeListName>;

export const Code = z.object({
  id: z.uuid(),
  list: CodeListName,
  code: z.string(),
  label: z.string(),
  nationalCategory: z.string().nullable(),
  sortOrder: z.number().int(),
  retired: z.boolean(),
  version: z.number().int(),
});
export type Code = z.infer<typeof Code>;

export const CodeLists = z.object({ codes: z.array(Code) });
export type CodeLists = z.infer<typeof CodeLists>;

export const CodeQuery = z.object({ list: CodeListName.optional() });

const Label = z.string({ error: "Ange en benämning" }).trim().min(1, { error: "Ange en benämning" }).max(120, { error: "Högst 120 tecken" });

export const CreateCodeInput = z.object({
  list: CodeListName,
  code: z
    .string({ error: "Ange en kod" })
    .trim()
    .regex(/^[a-z0-9_]{1,40}$/, { error: "Koden får bara innehålla a–z, 0–9 och understreck" }),
  label: Label,
  nationalCategory: z.string().trim().max(60).nullable().default(null),
  sortOrder: z.number().int().min(0).max(10_000).optional(),
});
export type CreateCodeInput = z.infer<typeof CreateCodeInput>;

export const UpdateCodeInput = z.object({
  version: Version,
  label: Label.optional(),
  nationalCategory: z.string().trim().max(60).nullable().optional(),
  sortOrder: z.number().int().min(0).max(10_000).optional(),
  retired: z.boolean().optional(),
});
export type UpdateCodeInput = z.infer<typeof UpdateCodeInput>;

/** The national categories a code may map to, per list: what reports and forms count by. */
export const NationalCategories: Record<CodeListName, { value: string; label: string }[]> = {
  referring_party: [
    { value: "AF", label: "Arbetsförmedlingen" },
    { value: "FK", label: "Försäkringskassan" },
    { value: "KOM_EKONOMI", label: "Kommunen – ekonomiskt bistånd" },
    { value: "KOM_OVRIG", label: "Kommunen – annan verksamhet" },
    { value: "REGION", label: "Regionen (hälso- och sjukvård)" },
    { value: "EGEN", label: "Egen/anhörig" },
    { value: "SKOLA", label: "Skola" },
    { value: "ANNAN", label: "Annan" },
  ],
  exit_status: [
    { value: "ARBETE", label: "Arbete" },
    { value: "ARBETE_AF_STOD", label: "Arbete med af-stöd" },
    { value: "UTB_YRK", label: "Utb-yrk" },
    { value: "UTB_ALLM", label: "Utb-allm" },
    { value: "AKTUELL_AF", label: "Aktuell af" },
    { value: "REHAB_ARBETSFORB", label: "Rehab – arbetsförberedande" },
    { value: "REHAB_MED_SOC", label: "Rehab/behandling – medicinsk/social" },
    { value: "EJ_REHAB", label: "Ej rehab mot arbete" },
    { value: "ANNAN_OVRIGT", label: "Annan orsak: Övrigt" },
    { value: "ANNAN_EJ_AVHORD", label: "Annan orsak: Ej avhörd" },
    { value: "ANNAN_FLYTTAT", label: "Annan orsak: Flyttat" },
  ],
  income_type: [
    { value: "AF", label: "AF" },
    { value: "FK", label: "FK" },
    { value: "Kom", label: "Kom" },
    { value: "Egen", label: "Egen" },
    { value: "Ingen", label: "Ingen" },
  ],
  education_level: [
    { value: "ISCED_0_2", label: "Förgymnasial (ISCED 0–2)" },
    { value: "ISCED_3_4", label: "Gymnasial/eftergymnasial (ISCED 3–4)" },
    { value: "ISCED_5_8", label: "Eftergymnasial/högskola (ISCED 5–8)" },
  ],
  activity_type: [
    { value: "anstallning", label: "Anställning" },
    { value: "praktik", label: "Praktik" },
    { value: "studier", label: "Studier" },
    { value: "friskvard", label: "Friskvård" },
    { value: "ovrigt", label: "Övrigt" },
  ],
  extension_reason: [
    { value: "halsa", label: "Hälsa" },
    { value: "slutfora", label: "Slutföra anställning/studier" },
    { value: "overlamning", label: "Invänta överlämning" },
    { value: "pandemi", label: "Pandemi" },
    { value: "annat", label: "Annat" },
  ],
  step: [],
};
