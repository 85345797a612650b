import en from "./en.meetings.json";
import { i18n } from "./index.ts";
import sv from "./sv.meetings.json";

// The meeting, note and calendar pages bring their own words. Both files must have the same keys.
const enHasAllKeys: typeof sv = en;
const svHasAllKeys: typeof en = sv;

i18n.addResourceBundle("sv", "translation", svHasAllKeys, true, false);
i18n.addResourceBundle("en", "translation", enHasAllKeys, true, false);
