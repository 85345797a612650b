import en from "./en.reports.json";
import { i18n } from "./index.ts";
import sv from "./sv.reports.json";

// The report pages bring their own words. Both files must have the same keys, as the main ones.
const enHasAllKeys: typeof sv = en;
const svHasAllKeys: typeof en = sv;

i18n.addResourceBundle("sv", "translation", svHasAllKeys, true, false);
i18n.addResourceBundle("en", "translation", enHasAllKeys, true, false);
