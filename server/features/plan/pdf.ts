import type { Content, TDocumentDefinitions } from "pdfmake/interfaces";
import type { Goal, GoalStatus, SubGoal } from "../../../schemas/plan.ts";
import { loadPdfmake } from "../../documents/libraries.ts";

// The plan is printed for the participant, so the words are plain Swedish rather than the
// terms staff use. The fonts are the PDF standard Helvetica (see documents/libraries.ts).

const statusWords: Record<GoalStatus, string> = {
  not_started: "Inte påbörjat",
  ongoing: "Pågår",
  reached: "Klart",
  dropped: "Vi slutade med det",
};

export interface PlanPrint {
  name: string;
  projectName: string;
  periodStart: string;
  periodEnd: string | null;
  revision: number;
  savedOn: string;
  coachName: string | null;
  goals: Goal[];
}

function owner(x: SubGoal, coachName: string | null): string {
  if (x.owner === "participant") return "Du";
  if (x.owner === "coach") return coachName ? `Din coach (${coachName})` : "Din coach";
  return x.ownerName ?? "Annan part";
}

function itemLines(x: SubGoal, coachName: string | null): string[] {
  return [
    `Vem ansvarar: ${owner(x, coachName)}`,
    `Klart senast: ${x.dueDate ?? "inget datum bestämt"}`,
    `Läge just nu: ${statusWords[x.status]}`,
    ...(x.comment ? [`Kommentar: ${x.comment}`] : []),
  ];
}

function goalBlock(g: Goal, i: number, coachName: string | null): Content {
  return {
    stack: [
      { text: `Mål ${i + 1}: ${g.title}`, style: "goal" },
      { ul: itemLines(g, coachName), margin: [0, 2, 0, 4] },
      ...(g.subGoals.length
        ? [
            { text: "Steg på vägen (delmål):", bold: true, margin: [0, 2, 0, 2] as [number, number, number, number] },
            {
              ol: g.subGoals.map((s) => ({ stack: [{ text: s.title, bold: true }, { ul: itemLines(s, coachName) }], margin: [0, 0, 0, 4] })),
            },
          ]
        : []),
    ],
    margin: [0, 0, 0, 12],
    unbreakable: g.subGoals.length < 4,
  } as Content;
}

export function planDocument(p: PlanPrint): TDocumentDefinitions {
  const line = { canvas: [{ type: "line", x1: 0, y1: 0, x2: 220, y2: 0, lineWidth: 0.8 }], margin: [0, 28, 0, 2] } as Content;
  return {
    info: { title: `Min plan – ${p.name}`, subject: "Genomförandeplan", creator: "Stegvis" },
    language: "sv-SE",
    pageSize: "A4",
    pageMargins: [56, 56, 56, 56],
    defaultStyle: { font: "Helvetica", fontSize: 11, lineHeight: 1.25 },
    styles: {
      h1: { fontSize: 20, bold: true, margin: [0, 0, 0, 8] },
      h2: { fontSize: 14, bold: true, margin: [0, 12, 0, 6] },
      goal: { fontSize: 12, bold: true },
    },
    footer: (page, pages) => ({ text: `Sida ${page} av ${pages}`, alignment: "center", fontSize: 9, margin: [0, 20, 0, 0] }),
    content: [
      { text: "Min plan", style: "h1" },
      {
        table: {
          widths: ["auto", "*"],
          body: [
            ["Namn", p.name],
            ["Projekt", p.projectName],
            ["Period", p.periodEnd ? `${p.periodStart} till ${p.periodEnd}` : `från ${p.periodStart}`],
            ["Planen gäller från", `${p.savedOn} (version ${p.revision})`],
          ],
        },
        layout: "noBorders",
      },
      { text: "Det här vill vi uppnå", style: "h2" },
      p.goals.length ? p.goals.map((g, i) => goalBlock(g, i, p.coachName)) : { text: "Inga mål är skrivna ännu.", italics: true },
      { text: "Underskrifter", style: "h2" },
      { text: "Vi har gått igenom planen tillsammans och är överens om den." },
      {
        columns: [
          { stack: [line, { text: "Deltagare" }, { text: "Datum:", margin: [0, 10, 0, 0] }] },
          { stack: [line, { text: "Coach" }, { text: "Datum:", margin: [0, 10, 0, 0] }] },
        ],
        columnGap: 24,
        unbreakable: true,
      },
    ],
  };
}

export async function planPdf(p: PlanPrint): Promise<Buffer> {
  return (await loadPdfmake()).createPdf(planDocument(p)).getBuffer();
}
