import en from "./en.activities.json";
import { i18n } from "./index.ts";
import sv from "./sv.activities.json";

// The activity, checklist and work-list pages bring their own words, so the first page a user
// loads does not carry them. Both files must have the same keys, as the main ones.
const enHasAllKeys: typeof sv = en;
const svHasAllKeys: typeof en = sv;

i18n.addResourceBundle("sv", "translation", svHasAllKeys, true, false);
i18n.addResourceBundle("en", "translation", enHasAllKeys, true, false);
