import type { Instrument, InstrumentInput, InstrumentUpdate } from "../../../schemas/ratings.ts";
import { type ServiceContext, writeAudit } from "../../auth/audit.ts";
import type { Db } from "../../db/client.ts";
import { AppError, conflict, notFound } from "../../errors.ts";
import { listInstruments } from "./scores.ts";
import "./tables.ts";

const bad = (fields: Record<string, string>) => new AppError("invalid_input", "Några uppgifter behöver rättas.", { fields });

/** The total runs from n × the lowest item value to n × the highest. */
function totals(items: number, min: number, max: number) {
  return { total_min: items * min, total_max: items * max };
}

async function findInstrument(db: Db, id: string): Promise<Instrument> {
  const found = (await listInstruments(db)).find((i) => i.id === id);
  if (!found) throw notFound("Skattningsskalan");
  return found;
}

/** Add a scale: item names only (the licensed wording stays on the paper form). */
export async function createInstrument(db: Db, ctx: ServiceContext, input: InstrumentInput): Promise<Instrument> {
  const taken = await db.selectFrom("rating_instruments").select("id").where("code", "=", input.code).executeTakeFirst();
  if (taken) throw bad({ code: "Det finns redan en skala med den koden." });
  const last = await db
    .selectFrom("rating_instruments")
    .select((eb) => eb.fn.max("position").as("p"))
    .executeTakeFirst();
  const row = await db
    .insertInto("rating_instruments")
    .values({
      code: input.code,
      name_sv: input.nameSv,
      name_en: input.nameEn,
      items: JSON.stringify(input.items),
      item_min: input.itemMin,
      item_max: input.itemMax,
      decimals: input.decimals,
      ...totals(input.items.length, input.itemMin, input.itemMax),
      alert_rule: input.alertRule,
      alert_value: input.alertValue,
      reliable_change: input.reliableChange,
      administered: input.administered,
      licensed: input.licensed,
      position: Number(last?.p ?? 0) + 1,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const after = await findInstrument(db, row.id);
  await writeAudit(db, ctx, { action: "rating_instrument.create", subjectType: "rating_instrument", subjectId: row.id, details: { after } });
  return after;
}

/**
 * Change a scale (with version). Once scores exist its items and item scale stay as they are:
 * the stored scores were summed and checked against them.
 */
export async function updateInstrument(db: Db, ctx: ServiceContext, id: string, input: InstrumentUpdate): Promise<Instrument> {
  const before = await findInstrument(db, id);
  if (before.version !== input.version) throw conflict(before);
  const items = input.items ?? before.items;
  const itemMin = input.itemMin ?? before.itemMin;
  const itemMax = input.itemMax ?? before.itemMax;
  if (itemMin >= itemMax) throw bad({ itemMax: "Lägsta värdet måste vara mindre än högsta." });
  if (before.scores > 0) {
    const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
    const keys = (list: { key: string }[]) => list.map((i) => i.key);
    if (input.items && !same(keys(input.items), keys(before.items)))
      throw bad({ items: `Skalan har ${before.scores} skattningar; frågorna kan inte läggas till, tas bort eller flyttas.` });
    if (itemMin !== before.itemMin || itemMax !== before.itemMax || (input.decimals ?? before.decimals) !== before.decimals)
      throw bad({ itemMin: `Skalan har ${before.scores} skattningar; frågornas skala kan inte ändras.` });
  }
  const res = await db
    .updateTable("rating_instruments")
    .set((eb) => ({
      name_sv: input.nameSv ?? before.nameSv,
      name_en: input.nameEn ?? before.nameEn,
      items: JSON.stringify(items),
      item_min: itemMin,
      item_max: itemMax,
      decimals: input.decimals ?? before.decimals,
      ...totals(items.length, itemMin, itemMax),
      alert_rule: input.alertRule ?? before.alertRule,
      alert_value: input.alertValue ?? before.alertValue,
      reliable_change: input.reliableChange === undefined ? before.reliableChange : input.reliableChange,
      administered: input.administered ?? before.administered,
      licensed: input.licensed ?? before.licensed,
      version: eb("version", "+", 1),
    }))
    .where("id", "=", id)
    .where("version", "=", input.version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw conflict(await findInstrument(db, id));
  const after = await findInstrument(db, id);
  await writeAudit(db, ctx, { action: "rating_instrument.update", subjectType: "rating_instrument", subjectId: id, details: { before, after } });
  return after;
}
