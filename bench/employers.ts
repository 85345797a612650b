// The synthetic employer network: about one employer per 50 persons, in the sectors and trades
// where participants are placed, each with workplaces, contact people and supervisors, and a
// few entries in the teams' contact log. Made once, before the participants, whose internships
// and employments are then placed at these employers.
import { randomUUID } from "node:crypto";
import { type EmployerSector, normaliseOrganisationNumber, normaliseTrades } from "../schemas/employers.ts";
import type { Pools, WorldProject } from "./generate.ts";
import { addDays, type Batch, Rand } from "./rows.ts";

/** What the participants' generator needs to know of an employer to place someone there. */
export interface EmployerRef {
  id: string;
  /** The municipality itself is the employer: employments here are internal. */
  internal: boolean;
  workplaces: { id: string; name: string }[];
  supervisors: { id: string; name: string; workplaceId: string | null }[];
}

/** Luhn check digit over the first nine digits, as the server checks it. */
export function organisationNumber(nine: string): string {
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    const d = Number(nine[i]) * (i % 2 === 0 ? 2 : 1);
    sum += d > 9 ? d - 9 : d;
  }
  return `${nine.slice(0, 6)}-${nine.slice(6)}${(10 - (sum % 10)) % 10}`;
}

const sectors = [
  ["private", 62],
  ["municipal", 16],
  ["non_profit", 10],
  ["region", 7],
  ["state", 5],
] as const satisfies readonly (readonly [EmployerSector, number])[];

/** The first digits of the organisation numbers per sector (aktiebolag 556…, kommun 212…, region 232…, stat 202…, förening 802…). */
const numberPrefix: Record<EmployerSector, string[]> = {
  private: ["556", "559", "969"],
  municipal: ["212"],
  region: ["232"],
  state: ["202"],
  non_profit: ["802", "716"],
};

type Kind = readonly [name: string, trades: readonly string[]];
const privateKinds: Kind[] = [
  ["Restaurang", ["restaurang", "storkök"]],
  ["Kafé", ["kafé", "restaurang"]],
  ["Lager & Logistik", ["lager", "logistik"]],
  ["Livs", ["butik", "handel"]],
  ["Handel", ["butik", "handel", "lager"]],
  ["Städservice", ["lokalvård", "städ"]],
  ["Bygg", ["bygg", "måleri"]],
  ["Bil & Motor", ["fordon", "verkstad"]],
  ["Trädgård", ["grönyteskötsel", "trädgård"]],
  ["Fastighetsservice", ["fastighetsskötsel", "lokalvård"]],
  ["Transport", ["transport", "lager"]],
  ["Hotell", ["hotell", "restaurang", "lokalvård"]],
  ["Kontorsservice", ["kontor", "administration"]],
  ["Omsorg", ["vård och omsorg", "äldreomsorg"]],
  ["Frisör", ["frisör"]],
  ["Bageri", ["bageri", "kafé"]],
];
const municipalUnits: Kind[] = [
  ["Kostenheten", ["restaurang", "storkök"]],
  ["Äldreomsorgen", ["vård och omsorg", "äldreomsorg"]],
  ["Förskoleförvaltningen", ["barnomsorg", "förskola"]],
  ["Parkförvaltningen", ["grönyteskötsel", "trädgård"]],
  ["Fastighetsavdelningen", ["fastighetsskötsel", "lokalvård"]],
  ["Biblioteken", ["bibliotek", "kultur"]],
  ["Återvinningscentralen", ["återbruk", "återvinning"]],
  ["Fritidsförvaltningen", ["fritid", "idrott"]],
  ["LSS-verksamheten", ["omsorg", "vård och omsorg"]],
];
const regionUnits: Kind[] = [
  ["Region Mätland, Lasarettet", ["lokalvård", "vård och omsorg"]],
  ["Region Mätland, Vårdcentralen", ["vård och omsorg", "reception"]],
  ["Region Mätland, Kollektivtrafiken", ["transport"]],
  ["Region Mätland, Folktandvården", ["vård och omsorg", "reception"]],
];
const stateUnits: Kind[] = [
  ["Trafikverket", ["transport", "bygg"]],
  ["Statens fastighetsverk", ["fastighetsskötsel"]],
  ["Försäkringskassan", ["kontor", "kundtjänst"]],
  ["Skatteverket", ["kontor", "administration"]],
  ["Kriminalvården", ["kök", "lokalvård"]],
];
const nonProfitUnits: Kind[] = [
  ["Återbruket ekonomisk förening", ["butik", "återbruk"]],
  ["Röda Korset", ["butik", "second hand"]],
  ["Stadsmissionen", ["kafé", "second hand"]],
  ["Idrottsklubben", ["idrott", "fritid"]],
  ["Hyresgästföreningen", ["administration", "kontor"]],
  ["Kyrkans kafé", ["kafé", "restaurang"]],
];
const districts = ["Centrum", "Norr", "Söder", "Väster", "Öster", "Industriområdet", "Hamnen", "Eklunda", "Björkbacken", "Strandängen"];
const roles = ["Enhetschef", "Butikschef", "Kökschef", "Platschef", "HR-ansvarig", "Arbetsledare", "Verksamhetschef", "VD"];
const employerNotes = [
  "Tar gärna emot deltagare som vill prova yrket.",
  "Vill ha deltagare med körkort.",
  "Har tagit emot praktikanter i flera år.",
  "Kontakta platschefen före besök.",
];
const outcomes = [
  "Kan ta emot en praktikant efter sommaren.",
  "Vill veta mer om lönebidrag.",
  "Inget behov just nu, hör av er i höst.",
  "Bokade studiebesök med en deltagare.",
  "Träffades på företagsfrukosten; intresserad av handledarutbildning.",
  "Stämde av hur praktiken går.",
];
const contactKinds = [
  ["call", 45],
  ["visit", 25],
  ["email", 20],
  ["event", 10],
] as const;

const ascii = (s: string) =>
  s
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z]/g, "");
const phone = (r: Rand) =>
  r.chance(0.5)
    ? `0${r.int(11, 99)}-${r.int(10, 99)} ${r.int(10, 99)} ${r.int(10, 99)}`
    : `07${r.pick(["0", "2", "3", "6"])}-${r.int(100, 999)} ${r.int(10, 99)} ${r.int(10, 99)}`;
/** A text[] value for COPY: every element quoted (tags may hold spaces). */
export const textArray = (xs: readonly string[]) => `{${xs.map((x) => `"${x}"`).join(",")}}`;

/**
 * The organisation's employers with workplaces, contact people and supervisors, and the projects'
 * contact log of the last year, appended to the batch. Drawn from its own random stream so that
 * the participants stay the same for a given seed.
 */
export function employerNetwork(
  opts: { organisationId: string; projects: WorldProject[]; today: string; persons: number; seed: number },
  pools: Pools,
  batch: Batch,
): EmployerRef[] {
  const r = new Rand(opts.seed * 104_729 + 11);
  const { today } = opts;
  const count = Math.max(10, Math.round(opts.persons / 50));
  const used = new Set<string>();
  const refs: EmployerRef[] = [];
  const person = () => `${r.pick(r.chance(0.5) ? pools.female : pools.male)} ${r.pick(pools.last)}`;
  for (let i = 0; i < count; i++) {
    const sector = r.weighted(sectors);
    const district = r.pick(districts);
    let name: string;
    let kind: Kind;
    if (sector === "private") {
      kind = r.pick(privateKinds);
      const last = r.pick(pools.last);
      name = r.chance(0.5) ? `${last}s ${kind[0]} AB` : r.chance(0.5) ? `${kind[0]} ${district} i Mätby AB` : `${kind[0]} ${last} HB`;
    } else if (sector === "municipal") {
      kind = r.pick(municipalUnits);
      name = `Mätby kommun, ${kind[0]} ${district}`;
    } else if (sector === "region") {
      kind = r.pick(regionUnits);
      name = `${kind[0]} ${district}`;
    } else if (sector === "state") {
      kind = r.pick(stateUnits);
      name = `${kind[0]}, Mätby ${district.toLowerCase()}`;
    } else {
      kind = r.pick(nonProfitUnits);
      name = `${kind[0]} ${district}`;
    }
    let number: string | null = null;
    if (!r.chance(0.05)) {
      do number = organisationNumber(`${r.pick(numberPrefix[sector])}${String(r.int(0, 999_999)).padStart(6, "0")}`);
      while (used.has(number));
      used.add(number);
      if (normaliseOrganisationNumber(number) !== number) throw new Error(`invalid organisation number ${number}`);
    }
    const trades = normaliseTrades(r.chance(0.3) ? [...kind[1], r.pick(privateKinds)[1][0] as string] : kind[1]);
    const id = randomUUID();
    batch.add("employers", [
      id,
      opts.organisationId,
      name,
      number,
      sector,
      textArray(trades),
      r.chance(0.2) ? r.pick(employerNotes) : null,
      r.chance(0.1) ? "resting" : "active",
    ]);

    // Workplaces, each with a supervisor, and a contact person or two at the employer.
    const ref: EmployerRef = { id, internal: sector === "municipal", workplaces: [], supervisors: [] };
    const places = r.weighted([
      [1, 60],
      [2, 25],
      [3, 15],
    ] as const);
    const town = r.chance(0.7) ? "Mätby" : r.pick(pools.cities);
    for (let w = 0; w < places; w++) {
      const workplaceId = randomUUID();
      const place = w === 0 ? district : r.pick(districts);
      const workplaceName = places === 1 ? name.replace(/ AB$| HB$/, "") : `${kind[0]} ${place}`;
      batch.add("employer_workplaces", [
        workplaceId,
        id,
        workplaceName,
        `${r.pick(pools.streets)} ${r.int(1, 60)}`,
        `${r.int(100, 989)} ${r.int(10, 99)}`,
        town,
        place,
        null,
      ]);
      ref.workplaces.push({ id: workplaceId, name: workplaceName });
      const supervisorId = randomUUID();
      const supervisor = person();
      batch.add("employer_contacts", [
        supervisorId,
        id,
        workplaceId,
        supervisor,
        "Handledare",
        phone(r),
        null,
        true,
        r.chance(0.55) ? addDays(today, -r.int(20, 900)) : null,
      ]);
      ref.supervisors.push({ id: supervisorId, name: supervisor, workplaceId });
    }
    const contacts: string[] = [];
    const domain = `${ascii(name.split(/[ ,]/)[0] ?? "arbetsgivare")}${i + 1}.exempel.se`;
    for (let c = r.int(1, 2); c > 0; c--) {
      const contactId = randomUUID();
      const first = r.pick(r.chance(0.5) ? pools.female : pools.male);
      const last = r.pick(pools.last);
      batch.add("employer_contacts", [
        contactId,
        id,
        r.chance(0.5) ? (ref.workplaces[0]?.id ?? null) : null,
        `${first} ${last}`,
        r.pick(roles),
        phone(r),
        r.chance(0.8) ? `${ascii(first)}.${ascii(last)}@${domain}` : null,
        false,
        null,
      ]);
      contacts.push(contactId);
    }

    // The teams' contacts with the employer over the last year.
    for (let n = r.int(0, 4); n > 0; n--) {
      const project = r.weighted(opts.projects.map((p) => [p, p.weight] as const));
      const coachId = r.pick(project.coachIds);
      batch.add("employer_contact_log", [
        randomUUID(),
        id,
        project.id,
        r.weighted(contactKinds),
        addDays(today, -r.int(0, 365)),
        coachId,
        r.chance(0.7) ? r.pick(contacts) : null,
        r.chance(0.8) ? r.pick(outcomes) : null,
        coachId,
      ]);
    }
    refs.push(ref);
  }
  return refs;
}
