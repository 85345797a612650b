import en from "./en.plan.json";
import { i18n } from "./index.ts";
import sv from "./sv.plan.json";

// Words of the mapping and plan pages, and their entries in the participant's sub-navigation and
// timeline. Both files must have the same keys.
const enHasAllKeys: typeof sv = en;
const svHasAllKeys: typeof en = sv;

i18n.addResourceBundle("sv", "translation", svHasAllKeys, true, false);
i18n.addResourceBundle("en", "translation", enHasAllKeys, true, false);
