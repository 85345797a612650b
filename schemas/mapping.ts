import { z } from "zod";
import { IsoDate, OptText } from "./fields.ts";

/** The ordinary sections of a mapping, in the order the form shows them. */
export const MAPPING_SECTIONS = ["goals", "interests", "situation", "competences", "resources", "needs", "network", "housing", "economy"] as const;
export type MappingSectionKey = (typeof MAPPING_SECTIONS)[number];

/** The sections that need the sensitive-data permission to be read or changed. */
export const SENSITIVE_SECTIONS = ["health", "violence"] as const;
export type SensitiveSectionKey = (typeof SENSITIVE_SECTIONS)[number];

const SectionText = OptText(4000);

export const MappingSections = z.object({
  goals: SectionText,
  interests: SectionText,
  situation: SectionText,
  competences: SectionText,
  resources: SectionText,
  needs: SectionText,
  network: SectionText,
  housing: SectionText,
  economy: SectionText,
});
export type MappingSections = z.output<typeof MappingSections>;

// Answers are described without the input's clean-up transforms (the serializer cannot run them backwards).
const Nullable = z.string().nullable();
export const MappingSectionsView = z.object(Object.fromEntries(MAPPING_SECTIONS.map((k) => [k, Nullable])) as Record<MappingSectionKey, typeof Nullable>);

/** Free tags, stored trimmed and lowercase without repeats, so "Restaurang" and "restaurang " are one trade. */
export const Trades = z
  .array(
    z
      .string({ error: "Ange branschen som text" })
      .trim()
      .min(1, { error: "En bransch kan inte vara tom" })
      .max(60, { error: "Högst 60 tecken per bransch" })
      .transform((s) => s.toLocaleLowerCase("sv-SE").replace(/\s+/g, " ")),
    { error: "Ange branscher som en lista" },
  )
  .max(30, { error: "Högst 30 branscher" })
  .default([])
  .transform((list) => [...new Set(list)]);

export const ViolenceAnswer = z.enum(["yes", "no", "declined"], { error: "Välj ja, nej eller vill inte svara" });
export type ViolenceAnswer = z.infer<typeof ViolenceAnswer>;

export const ViolenceSection = z
  .object({
    answer: ViolenceAnswer.nullable().default(null),
    note: OptText(4000),
    askedOn: IsoDate.nullable().default(null),
  })
  .refine((v) => v.answer === null || v.askedOn !== null, { error: "Ange vilket datum frågan ställdes", path: ["askedOn"] });
export type ViolenceSection = z.output<typeof ViolenceSection>;

export const SensitiveSections = z.object({
  health: SectionText,
  violence: ViolenceSection,
});
export type SensitiveSections = z.output<typeof SensitiveSections>;
export const SensitiveSectionsView = z.object({
  health: Nullable,
  violence: z.object({ answer: ViolenceAnswer.nullable(), note: Nullable, askedOn: Nullable }),
});

export const MappingVersionMeta = z.object({
  number: z.number().int(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
});
export type MappingVersionMeta = z.infer<typeof MappingVersionMeta>;

/** The mapping as anyone with read access sees it: the sensitive sections are not in it. */
export const Mapping = z.object({
  enrolmentId: z.uuid(),
  /** The version shown; 0 while nothing has been saved. */
  number: z.number().int(),
  /** The current (highest) version, which an edit must be based on. */
  version: z.number().int(),
  sections: MappingSectionsView,
  trades: z.array(z.string()),
  createdAt: z.string().nullable(),
  createdByName: z.string().nullable(),
  versions: z.array(MappingVersionMeta),
  /** Whether the reader may open the health and violence sections. */
  canSeeSensitive: z.boolean(),
});
export type Mapping = z.infer<typeof Mapping>;

export const MappingSensitive = z.object({
  enrolmentId: z.uuid(),
  number: z.number().int(),
  sensitive: SensitiveSectionsView,
});
export type MappingSensitive = z.infer<typeof MappingSensitive>;

export const MappingVersionQuery = z.object({
  version: z.coerce
    .number({ error: "Ange versionen som ett heltal" })
    .int({ error: "Ange versionen som ett heltal" })
    .min(1, { error: "Versionerna börjar på 1" })
    .optional(),
});

export const SaveMappingInput = z.object({
  /** The version the edit is based on; 0 for the first save. */
  version: z.number({ error: "Version saknas" }).int().min(0, { error: "Version saknas" }),
  sections: MappingSections,
  trades: Trades,
  /** Left out: the sensitive sections stay as they were. Needs the sensitive-data permission. */
  sensitive: SensitiveSections.optional(),
});
export type SaveMappingInput = z.input<typeof SaveMappingInput>;
