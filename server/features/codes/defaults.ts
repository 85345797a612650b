import type { CodeListName } from "../../../schemas/codes.ts";

/**
 * Default code lists of a new project, in the vocabulary of the customers' own annual reports
 * and DIS forms. Each maps to a national category so that a renamed or added local code still
 * counts in the right national column.
 */
export const defaultCodes: Record<CodeListName, [code: string, label: string, national: string | null][]> = {
  referring_party: [
    ["af", "AF – Arbetsförmedlingen", "AF"],
    ["bist", "Bist – Biståndsenheten", "KOM_OVRIG"],
    ["egen", "Egen/anhörig", "EGEN"],
    ["fk", "FK – Försäkringskassan", "FK"],
    ["lss", "LSS – daglig verksamhet", "KOM_OVRIG"],
    ["region", "Region – hälso- och sjukvård", "REGION"],
    ["ske", "SKE – Socialkontor ekonomi", "KOM_EKONOMI"],
    ["sol", "SOL – dagverksamhet", "KOM_OVRIG"],
    ["ov", "ÖV – Öppenvården barn och familj", "KOM_OVRIG"],
    ["skola", "Skola", "SKOLA"],
  ],
  exit_status: [
    ["anstallning", "Anställning", "ARBETE"],
    ["anstallning_stod", "Anställning med stöd (lönebidrag, nystartsjobb m.fl.)", "ARBETE_AF_STOD"],
    ["studier", "Studier", "UTB_ALLM"],
    ["studier_yrke", "Yrkesutbildning", "UTB_YRK"],
    ["af", "AF – Arbetsförmedlingen", "AKTUELL_AF"],
    ["fk_aktivitetsersattning", "FK (aktivitetsersättning)", "EJ_REHAB"],
    ["fk_annan", "FK (annan ersättning)", "EJ_REHAB"],
    ["daglig_verksamhet", "Daglig verksamhet/dagverksamhet", "EJ_REHAB"],
    ["ske", "SKE – Socialkontor ekonomi", "EJ_REHAB"],
    ["vard_behandling", "Vård/behandling", "REHAB_MED_SOC"],
    ["annan_kommunal", "Annan kommunal verksamhet", "REHAB_ARBETSFORB"],
    ["flyttat", "Flyttat", "ANNAN_FLYTTAT"],
    ["ej_avhord", "Ej avhörd", "ANNAN_EJ_AVHORD"],
    ["annat", "Annat", "ANNAN_OVRIGT"],
  ],
  income_type: [
    ["aktivitetsersattning", "Aktivitetsersättning (FK)", "FK"],
    ["sjukpenning", "Sjukpenning/sjukersättning (FK)", "FK"],
    ["aktivitetsstod", "Aktivitetsstöd (AF)", "AF"],
    ["a_kassa", "Arbetslöshetsersättning (a-kassa)", "AF"],
    ["forsorjningsstod", "Försörjningsstöd (SKE)", "Kom"],
    ["studiemedel", "Studiemedel/studiebidrag", "Egen"],
    ["lon", "Lön", "Egen"],
    ["annan", "Annan inkomst", "Egen"],
    ["familj_ingen", "Familj/ingen inkomst", "Ingen"],
  ],
  education_level: [
    ["grundskola", "Grundskola", "ISCED_0_2"],
    ["gymnasieskola", "Gymnasieskola", "ISCED_3_4"],
    ["gymnasium_praktiskt", "Gymnasium, praktiskt program", "ISCED_3_4"],
    ["gymnasium_teoretiskt", "Gymnasium, teoretiskt program", "ISCED_3_4"],
    ["gymnasium_introduktion_anpassad", "Gymnasium, introduktionsprogram/anpassad skolform", "ISCED_0_2"],
    ["hogskola", "Högskola", "ISCED_5_8"],
  ],
  activity_type: [
    ["praktik", "Praktik/arbetsträning", "praktik"],
    ["anstallning", "Anställning", "anstallning"],
    ["studier", "Studier", "studier"],
    ["friskvard", "Friskvård", "friskvard"],
    ["studiebesok", "Studiebesök", "ovrigt"],
    ["validering", "Validering", "ovrigt"],
    ["forelasning", "Föreläsning", "ovrigt"],
    ["jobbsok", "Stöd i jobbsökande", "ovrigt"],
    ["ovrigt", "Övrigt", "ovrigt"],
  ],
  extension_reason: [
    ["halsa", "Hälsa", "halsa"],
    ["slutfora", "Slutföra anställning/studier", "slutfora"],
    ["overlamning", "Invänta överlämning", "overlamning"],
    ["pandemi", "Pandemi", "pandemi"],
    ["annat", "Annat", "annat"],
  ],
  step: [
    ["aktualiserad", "Aktualiserad", null],
    ["kartlaggning", "Kartläggning", null],
    ["planering", "Planering", null],
    ["aktivitet", "I aktivitet", null],
    ["avslut", "Avslut", null],
  ],
};
