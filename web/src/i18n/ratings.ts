import en from "./en.ratings.json";
import { i18n } from "./index.ts";
import sv from "./sv.ratings.json";

// The rating, questionnaire and self-evaluation pages bring their own words. Both files must
// have the same keys.
const enHasAllKeys: typeof sv = en;
const svHasAllKeys: typeof en = sv;

i18n.addResourceBundle("sv", "translation", svHasAllKeys, true, false);
i18n.addResourceBundle("en", "translation", enHasAllKeys, true, false);
