import type { Content, TableCell } from "pdfmake/interfaces";
import { NationalCategories } from "../../../schemas/codes.ts";
import type { DisSusForm, DisSusForms } from "../../../schemas/reports.ts";
import { todayInSweden } from "../participants/dates.ts";
import { GROUPS } from "./dis-sus.ts";
import { renderPdf } from "./documents.ts";

// The DIS forms as the coordination association's paper forms look (the customer's handbook,
// appendix "DIS"): the same titles, fields, income grid and exit statuses, so a form printed here
// can be registered in SUS, or filled in by hand where something is missing. One A4 page each.
// Check boxes are boxes with an "X": ☐ and ☒ are not in the standard fonts' WinAnsi encoding.

export const FORM_TITLE = { start: "DIS – uppgifter vid start", exit: "DIS – avslutningsblankett" } as const;
const PROTECTED = "Skyddad identitet";
const SHARES = [100, 75, 50, 25] as const;

const GROUP_HELP: Record<(typeof GROUPS)[number], string> = {
  AF: "T ex a-kassa (Alfa), aktivitetsstöd",
  FK: "T ex sjukersättning, aktivitetsersättning",
  Kom: "T ex försörjningsstöd, introduktionsersättning",
  Egen: "T ex lön, föräldrapenning, underhållsstöd, lönebidrag, anställningsstöd, studiemedel, vet ej",
  Ingen: "Ingen försörjning",
};

/** The exit statuses in the form's order, with the form's examples; "Annan orsak" has three. */
const STATUS_HELP: Record<string, string> = {
  ARBETE: "Ex. timanställning, visstidsanställning, tillsvidareanställning, provanställning, eget företag",
  ARBETE_AF_STOD: "Ex. lönebidrag, särskilt anställningsstöd, instegsjobb, nystartsjobb",
  UTB_YRK: "Ex. yrkesvux, yrkeshögskola, lärlingsutbildning",
  UTB_ALLM: "Ex. orienteringskurs, sfi, grundläggande eller gymnasial vuxenutbildning",
  AKTUELL_AF: "Ex. fortsatt kontakt med Arbetsförmedlingen men inget behov av samverkan, t ex praktik",
  EJ_REHAB: "Ex. överflytt till kommunen eller till Försäkringskassan",
};
const OTHER_PREFIX = "Annan orsak: ";

/** A check box: a small framed cell, with an X when marked. */
function box(marked: boolean): Content {
  return {
    table: { widths: [9], heights: [10], body: [[{ text: marked ? "X" : "", bold: true, fontSize: 8, lineHeight: 1, alignment: "center" }]] },
    layout: { hLineWidth: () => 0.8, vLineWidth: () => 0.8, paddingLeft: () => 0, paddingRight: () => 0, paddingTop: () => 0.5, paddingBottom: () => 0 },
  };
}

function field(label: string, value: string | null, note = false): TableCell {
  return {
    stack: [
      { text: label, fontSize: 8, color: "#444444" },
      { text: value ?? " ", fontSize: 11, italics: note, margin: [0, 2, 0, 0] },
    ],
  };
}

const cellPadding = { paddingLeft: () => 6, paddingRight: () => 6, paddingTop: () => 4, paddingBottom: () => 4 };

function fields(f: DisSusForm, projectName: string): Content {
  const hidden = (v: string | null) => (f.protectedIdentity ? PROTECTED : v);
  return {
    table: {
      widths: ["*", "*"],
      body: [
        [field("Ansvarig handläggare", f.coach), field("Projekt", projectName)],
        [field("Deltagarens namn", f.name), field("Personnummer", hidden(f.personnummer), f.protectedIdentity)],
        [field("Boendeort", hidden(f.residence), f.protectedIdentity), field(f.kind === "start" ? "Datum för start" : "Datum för avslut", f.date)],
      ],
    },
    layout: { ...cellPadding, hLineWidth: () => 0.8, vLineWidth: () => 0.8 },
  };
}

function incomeGrid(f: DisSusForm): Content[] {
  const when = f.kind === "start" ? "vid start" : "vid avslut";
  const head = (text: string) => ({ text, bold: true, fontSize: 9, alignment: "center" as const });
  const grid: Content = {
    table: {
      headerRows: 1,
      widths: ["*", 44, 44, 44, 44],
      body: [
        [{ text: "Försörjningskälla", bold: true, fontSize: 9 }, ...SHARES.map((s) => head(`${s} %`))],
        ...GROUPS.map((g) => [
          {
            stack: [
              { text: `${g}:`, bold: true },
              { text: GROUP_HELP[g], fontSize: 8, color: "#444444" },
            ],
          },
          ...SHARES.map((s) => ({
            text: f.income[g] === s ? "X" : "",
            bold: true,
            fontSize: 13,
            alignment: "center" as const,
            margin: [0, 3, 0, 0] as [number, number, number, number],
          })),
        ]),
      ],
    },
    layout: { ...cellPadding, hLineWidth: () => 0.8, vLineWidth: () => 0.8 },
  };
  const none = GROUPS.every((g) => !f.income[g]);
  return [
    { text: `Försörjning ${when}`, style: "h2" },
    { text: "Andel av heltid per källa. Kryss i en ruta per källa som deltagaren har.", fontSize: 8, color: "#444444", margin: [0, 0, 0, 4] },
    grid,
    ...(none ? [{ text: `Ingen försörjning ${when} är registrerad i Stegvis. Fyll i för hand.`, italics: true, margin: [0, 4, 0, 0] } as Content] : []),
  ];
}

function statusList(f: DisSusForm): Content[] {
  const statuses = NationalCategories.exit_status;
  const known = statuses.some((s) => s.label === f.status);
  const row = (label: string, marked: boolean, help?: string): Content => ({
    columns: [
      { width: 16, stack: [box(marked)] },
      {
        width: "*",
        stack: [{ text: label, bold: marked }, ...(help ? [{ text: help, fontSize: 8, color: "#444444" }] : [])],
      },
    ],
    columnGap: 4,
    margin: [0, 0, 0, 5],
  });
  const main = statuses.filter((s) => !s.label.startsWith(OTHER_PREFIX));
  const other = statuses.filter((s) => s.label.startsWith(OTHER_PREFIX));
  return [
    { text: "Status vid avslut", style: "h2" },
    ...main.map((s) => row(s.label, s.label === f.status, STATUS_HELP[s.value])),
    { text: "Annan orsak", bold: true, margin: [0, 2, 0, 3] },
    {
      columns: other.map((s) => ({ width: "auto", stack: [row(s.label.slice(OTHER_PREFIX.length), s.label === f.status)] })),
      columnGap: 24,
    },
    ...(known
      ? []
      : [
          {
            text: `Avslutsorsaken i Stegvis (${f.status ?? "saknas"}) motsvarar ingen DIS-status. Markera rätt status för hand.`,
            italics: true,
            margin: [0, 4, 0, 0],
          } as Content,
        ]),
  ];
}

/** The body of one form: fields, income grid and, at exit, the status. */
function formBody(f: DisSusForm, projectName: string): Content[] {
  return [fields(f, projectName), ...incomeGrid(f), ...(f.kind === "exit" ? statusList(f) : [])];
}

/** One person's start or exit form as a one-page PDF. */
export function disSusFormPdf(f: DisSusForm, projectName: string): Promise<Buffer> {
  return renderPdf(FORM_TITLE[f.kind], `Utskriven ${todayInSweden()} ur Stegvis`, formBody(f, projectName));
}

/**
 * All forms of a period as one PDF for registration: a cover page with the counts and the forms
 * left out for want of consent, then one page per form in the order of the export.
 */
export function disSusFormsPdf(d: DisSusForms, projectName: string): Promise<Buffer> {
  const { from, to } = d.period;
  const starts = d.forms.filter((f) => f.kind === "start").length;
  const kindWord = (k: "start" | "exit") => (k === "start" ? "Start" : "Avslut");
  const cover: Content[] = [
    {
      table: {
        widths: ["auto", "auto"],
        body: [
          ["Blanketter i filen", { text: String(d.forms.length), alignment: "right" }],
          ["varav vid start", { text: String(starts), alignment: "right" }],
          ["varav vid avslut", { text: String(d.forms.length - starts), alignment: "right" }],
          ["Inte med: samtycke till SUS-registrering saknas", { text: String(d.missingConsent.length), alignment: "right" }],
        ],
      },
      layout: "lightHorizontalLines",
      margin: [0, 0, 0, 12],
    },
    {
      text: "Varje blankett är en sida. En startblankett finns för varje inskrivning som började under perioden och en avslutningsblankett för varje avslut under perioden, slutligt eller tillfälligt. Bara inskrivningar med gällande samtycke till registrering i SUS är med; inskrivningar som inte räknas i statistiken är aldrig med.",
      margin: [0, 0, 0, 12],
    },
    { text: "Inte med – samtycke till SUS-registrering saknas", style: "h2" },
    d.missingConsent.length
      ? {
          table: {
            headerRows: 1,
            widths: ["auto", "auto", "*"],
            body: [
              [
                { text: "Blankett", style: "th" },
                { text: "Datum", style: "th" },
                { text: "Namn", style: "th" },
              ],
              ...d.missingConsent.map((m) => [kindWord(m.kind), m.date, m.name]),
            ],
          },
          layout: "lightHorizontalLines",
        }
      : { text: "Inga: alla inskrivningar under perioden har samtycke.", italics: true },
  ];
  const pages = d.forms.flatMap((f, i): Content[] => [
    { text: FORM_TITLE[f.kind], style: "title", pageBreak: "before" },
    { text: `Blankett ${i + 1} av ${d.forms.length}, period ${from} – ${to}`, style: "subtitle" },
    ...formBody(f, projectName),
  ]);
  return renderPdf(`DIS-blanketter – ${projectName}`, `Period ${from} – ${to}. Utskriven ${todayInSweden()} ur Stegvis.`, [...cover, ...pages]);
}
